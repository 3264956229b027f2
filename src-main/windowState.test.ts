import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clampToWorkArea,
  readWindowState,
  restoreWindowPlacement,
  trackWindowState,
  writeWindowState,
} from './windowState';

type Rect = { x: number; y: number; width: number; height: number };

const displays = vi.hoisted(() => ({
  workAreas: [] as Rect[],
  matched: [] as Rect[],
}));
vi.mock('electron', () => ({
  screen: {
    getAllDisplays: () => displays.workAreas.map((workArea) => ({ workArea })),
    // Like Electron: the display that overlaps the rectangle most, else the nearest one.
    getDisplayMatching: (rect: Rect) => {
      displays.matched.push(rect);
      const overlap = (a: Rect) =>
        Math.max(0, Math.min(a.x + a.width, rect.x + rect.width) - Math.max(a.x, rect.x)) *
        Math.max(0, Math.min(a.y + a.height, rect.y + rect.height) - Math.max(a.y, rect.y));
      const distance = (a: Rect) => Math.hypot(a.x - rect.x, a.y - rect.y);
      const [best] = [...displays.workAreas].sort(
        (a, b) => overlap(b) - overlap(a) || distance(a) - distance(b),
      );
      return { workArea: best };
    },
  },
}));

const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1400 };

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderline-window-'));
  file = join(dir, 'window-state.json');
  displays.workAreas = [LAPTOP];
  displays.matched = [];
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

describe('readWindowState', () => {
  it('reads back what was written', () => {
    const state = { x: 10, y: 20, width: 1200, height: 700, maximized: true };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
  });

  it('ignores a missing, corrupt or tampered file instead of failing the start', async () => {
    expect(readWindowState(file)).toBeNull();
    await writeFile(file, '{"x": 10, "y": 2');
    expect(readWindowState(file)).toBeNull();
    await writeFile(file, JSON.stringify({ x: 10, y: 20, width: -5, height: 700, maximized: false }));
    expect(readWindowState(file)).toBeNull();
    await writeFile(file, JSON.stringify({ x: 'left', y: 20, width: 800, height: 700, maximized: false }));
    expect(readWindowState(file)).toBeNull();
  });
});

describe('clampToWorkArea', () => {
  it('keeps a window that fits where it is', () => {
    expect(clampToWorkArea({ x: 100, y: 50, width: 1000, height: 700 }, LAPTOP)).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
    });
  });

  it('pulls a window hanging off the edge back on screen and shrinks one larger than the display', () => {
    expect(clampToWorkArea({ x: 1000, y: -40, width: 1000, height: 700 }, LAPTOP)).toEqual({
      x: 440,
      y: 0,
      width: 1000,
      height: 700,
    });
    expect(clampToWorkArea({ x: 0, y: 0, width: 2560, height: 1400 }, LAPTOP)).toEqual(LAPTOP);
  });
});

describe('restoreWindowPlacement', () => {
  it('puts the window back where it was on a display that is still there, maximized if it was', () => {
    displays.workAreas = [LAPTOP, MONITOR];
    writeWindowState(file, { x: 1600, y: 100, width: 1800, height: 1000, maximized: true });
    expect(restoreWindowPlacement(file)).toEqual({
      bounds: { x: 1600, y: 100, width: 1800, height: 1000 },
      maximized: true,
    });
  });

  it('moves a window last seen on an unplugged monitor onto the remaining display', () => {
    writeWindowState(file, { x: 1600, y: 100, width: 1200, height: 700, maximized: false });
    const placement = restoreWindowPlacement(file);
    expect(displays.matched).toEqual([{ x: 1600, y: 100, width: 1200, height: 700 }]);
    expect(placement).toEqual({ bounds: { x: 240, y: 100, width: 1200, height: 700 }, maximized: false });
  });

  it('has no placement for a first start, so the window opens at its default size', () => {
    expect(restoreWindowPlacement(file)).toBeNull();
  });
});

function fakeWindow() {
  const listeners = new Map<string, () => void>();
  const win = {
    bounds: { x: 40, y: 30, width: 1280, height: 800 },
    maximized: false,
    destroyed: false,
    on: (event: string, listener: () => void) => listeners.set(event, listener),
    getNormalBounds: () => win.bounds,
    isMaximized: () => win.maximized,
    isDestroyed: () => win.destroyed,
    emit: (event: string) => listeners.get(event)?.(),
  };
  return win;
}

const saved = async () => JSON.parse(await readFile(file, 'utf8')) as unknown;

describe('trackWindowState', () => {
  it('saves once the window has stopped moving, not on every move event', async () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    trackWindowState(win as never, file, { debounceMs: 500 });
    win.bounds = { x: 41, y: 30, width: 1280, height: 800 };
    win.emit('move');
    vi.advanceTimersByTime(300);
    win.bounds = { x: 200, y: 90, width: 1100, height: 760 };
    win.emit('resize');
    vi.advanceTimersByTime(300);
    expect(readWindowState(file)).toBeNull();
    vi.advanceTimersByTime(200);
    expect(await saved()).toEqual({ x: 200, y: 90, width: 1100, height: 760, maximized: false });
  });

  it('saves right away on close, with the normal bounds and the maximized flag', async () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    trackWindowState(win as never, file);
    win.maximized = true;
    win.emit('maximize');
    win.emit('close');
    expect(await saved()).toEqual({ x: 40, y: 30, width: 1280, height: 800, maximized: true });
  });

  it('reports a file it cannot write instead of throwing into the window', () => {
    const win = fakeWindow();
    const onError = vi.fn();
    trackWindowState(win as never, join(dir, 'missing-folder', 'window-state.json'), { onError });
    win.emit('close');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ENOENT' }));
  });
});

// Remembers where the main window was: its normal bounds and whether it was maximized, in a small
// JSON file in the user's data folder, put back on a display that is still there at the next start.
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);

export const windowStateSchema = z.object({
  x: coordinate,
  y: coordinate,
  width: length,
  height: length,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

/** Where to open the window: bounds that fit a display, and whether to maximize it. */
export interface WindowPlacement {
  bounds: Rectangle;
  maximized: boolean;
}

/** The saved state, or null when there is none or it cannot be trusted (the window then opens centred). */
export function readWindowState(file: string): WindowState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes the state through a temporary file, so a crash mid-write never leaves half a file behind. */
export function writeWindowState(file: string, state: WindowState): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(state), 'utf8');
  renameSync(temporary, file);
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** Shrinks and moves `bounds` so the whole window lies inside `workArea`. */
export function clampToWorkArea(bounds: Rectangle, workArea: Rectangle): Rectangle {
  const width = Math.min(bounds.width, workArea.width);
  const height = Math.min(bounds.height, workArea.height);
  return {
    width,
    height,
    x: clamp(bounds.x, workArea.x, workArea.x + workArea.width - width),
    y: clamp(bounds.y, workArea.y, workArea.y + workArea.height - height),
  };
}

/**
 * The saved placement fitted to the displays connected now. A window last seen on a monitor that
 * has since been unplugged lands on the nearest display instead of off screen.
 */
export function restoreWindowPlacement(file: string): WindowPlacement | null {
  const state = readWindowState(file);
  if (!state || screen.getAllDisplays().length === 0) return null;
  const { x, y, width, height } = state;
  const { workArea } = screen.getDisplayMatching({ x, y, width, height });
  return { bounds: clampToWorkArea({ x, y, width, height }, workArea), maximized: state.maximized };
}

export interface TrackOptions {
  /** Resizing and moving fire many events; save once the window has been still this long. */
  debounceMs?: number;
  /** Called when the file cannot be written; the window keeps working either way. */
  onError?: (error: Error) => void;
}

/** Saves the window's placement after it is resized or moved (debounced) and when it closes. */
export function trackWindowState(win: BrowserWindow, file: string, options: TrackOptions = {}): void {
  const debounceMs = options.debounceMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed()) return;
    // Normal bounds, not the maximized ones: un-maximizing next time returns to the size the user chose.
    const bounds = win.getNormalBounds();
    try {
      writeWindowState(file, { ...bounds, maximized: win.isMaximized() });
    } catch (error) {
      options.onError?.(error as Error);
    }
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };

  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', save);
}

import { describe, expect, it, vi } from 'vitest';
import type { UpdateReady } from '$shared/bridge';
import { UpdateNotice, type UpdateBridge } from './updateNotice.svelte';

function fakeBridge(outcome: Awaited<ReturnType<UpdateBridge['restartToUpdate']>> = { ok: true }) {
  let listener: ((update: UpdateReady) => void) | null = null;
  const stop = vi.fn(() => (listener = null));
  const bridge: UpdateBridge = {
    onUpdateReady: (l) => {
      listener = l;
      return stop;
    },
    restartToUpdate: vi.fn(async () => outcome),
  };
  return { bridge, stop, announce: (version: string) => listener?.({ version }) };
}

describe('UpdateNotice', () => {
  it('stays hidden until the desktop app announces a ready update, then names its version', () => {
    const { bridge, announce } = fakeBridge();
    const notice = new UpdateNotice(bridge);
    expect(notice.visible).toBe(false);
    announce('1.5.0');
    expect(notice.visible).toBe(true);
    expect(notice.version).toBe('1.5.0');
  });

  it('hides while a sale is open, and comes back when it is finished or held', () => {
    const { bridge, announce } = fakeBridge();
    const sale = { open: false };
    const notice = new UpdateNotice(bridge, sale);
    announce('1.5.0');
    expect(notice.visible).toBe(true);
    sale.open = true;
    expect(notice.visible).toBe(false);
    sale.open = false;
    expect(notice.visible).toBe(true);
  });

  it('restarts on request, and shows the sentence when the app refuses (a sale is open)', async () => {
    const refused = fakeBridge({
      ok: false,
      message: 'A sale is open. Finish or hold it, then restart to update.',
    });
    const notice = new UpdateNotice(refused.bridge);
    refused.announce('1.5.0');
    await notice.restart();
    expect(refused.bridge.restartToUpdate).toHaveBeenCalledTimes(1);
    expect(notice.message).toBe('A sale is open. Finish or hold it, then restart to update.');
    expect(notice.restarting).toBe(false);
  });

  it('says so when the restart itself fails', async () => {
    const { bridge, announce } = fakeBridge();
    bridge.restartToUpdate = async () => {
      throw new Error('IPC closed');
    };
    const notice = new UpdateNotice(bridge);
    announce('1.5.0');
    await notice.restart();
    expect(notice.message).toBe('Orderline could not restart: IPC closed');
  });

  it('hides on Later until the next update is announced, and stops listening when destroyed', () => {
    const { bridge, announce, stop } = fakeBridge();
    const notice = new UpdateNotice(bridge);
    announce('1.5.0');
    notice.later();
    expect(notice.visible).toBe(false);
    announce('1.6.0');
    expect(notice.visible).toBe(true);
    expect(notice.version).toBe('1.6.0');
    notice.destroy();
    expect(stop).toHaveBeenCalled();
  });
});

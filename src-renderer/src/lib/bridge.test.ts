import { describe, expect, it, vi } from 'vitest';
import { bridge, browserBridge } from './bridge';

describe('browserBridge', () => {
  it('is the bridge wherever the desktop preload is absent', () => {
    expect(bridge).toBe(browserBridge);
    expect(bridge.platform).toBe('browser');
  });

  it('has no native menu or updates: listeners are never called and unsubscribe safely', () => {
    const onCommand = vi.fn();
    const onUpdate = vi.fn();
    const stopMenu = browserBridge.onMenuCommand(onCommand);
    const stopUpdates = browserBridge.onUpdateReady(onUpdate);
    expect(() => {
      stopMenu();
      stopUpdates();
    }).not.toThrow();
    expect(onCommand).not.toHaveBeenCalled();
    expect(onUpdate).not.toHaveBeenCalled();
  });

  it('accepts busy reports and explains that a browser build has nothing to install', async () => {
    await expect(browserBridge.setBusy(true)).resolves.toBeUndefined();
    expect(await browserBridge.restartToUpdate()).toEqual({
      ok: false,
      message: expect.stringContaining('updates when the page is reloaded'),
    });
  });
});

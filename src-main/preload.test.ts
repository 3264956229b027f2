import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { OrderlineBridge } from '../src-shared/bridge';
import { IPC_CHANNELS } from './ipcChannels';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke },
}));

let bridge: OrderlineBridge;
beforeAll(async () => {
  await import('./preload');
  bridge = electron.exposed.get('orderline') as OrderlineBridge;
});

describe('preload', () => {
  it('exposes only window.orderline, with exactly the bridge methods', () => {
    expect([...electron.exposed.keys()]).toEqual(['orderline']);
    expect(Object.keys(bridge).sort()).toEqual(
      ['appVersion', 'listPrinters', 'openTextFile', 'platform', 'print', 'printToPdf', 'saveFile'].sort(),
    );
    expect(bridge.platform).toBe('electron');
  });

  it('sends each method on its own channel, with its payload as one object', async () => {
    const request = { html: '<p>Receipt</p>', pageSize: 'receipt80mm' as const, printer: 'EPSON_TM_T88' };
    const bytes = new Uint8Array([1, 2, 3]);
    const calls: [() => Promise<unknown>, string, unknown[]][] = [
      [() => bridge.appVersion(), IPC_CHANNELS.appVersion, []],
      [() => bridge.listPrinters(), IPC_CHANNELS.listPrinters, []],
      [() => bridge.print(request), IPC_CHANNELS.print, [request]],
      [
        () => bridge.printToPdf({ html: '<p>x</p>', pageSize: 'A4' }),
        IPC_CHANNELS.printToPdf,
        [{ html: '<p>x</p>', pageSize: 'A4' }],
      ],
      [
        () => bridge.saveFile('orders.csv', bytes),
        IPC_CHANNELS.saveFile,
        [{ suggestedName: 'orders.csv', data: bytes }],
      ],
      [() => bridge.openTextFile(['.csv']), IPC_CHANNELS.openTextFile, [{ accept: ['.csv'] }]],
    ];
    for (const [call, channel, args] of calls) {
      electron.invoke.mockClear();
      expect(await call()).toEqual({ channel, args });
      expect(electron.invoke).toHaveBeenCalledTimes(1);
    }
  });
});

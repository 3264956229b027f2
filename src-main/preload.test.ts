import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { OrderlineBridge } from '$shared/bridge';
import { IPC_CHANNELS, PUSH_CHANNELS } from './ipcChannels';

const electron = vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  return {
    exposed: new Map<string, unknown>(),
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
    // Stands in for ipcRenderer's listeners: main's webContents.send arrives as emit(channel, event, payload).
    pushes: new EventEmitter(),
  };
});
vi.mock('electron', async () => {
  const fake = await electron;
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    ipcRenderer: {
      invoke: fake.invoke,
      on: (channel: string, listener: (...args: unknown[]) => void) => fake.pushes.on(channel, listener),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        fake.pushes.removeListener(channel, listener),
    },
  };
});

let bridge: OrderlineBridge;
let fake: Awaited<typeof electron>;
beforeAll(async () => {
  fake = await electron;
  await import('./preload');
  bridge = fake.exposed.get('orderline') as OrderlineBridge;
});

describe('preload', () => {
  it('exposes only window.orderline, with exactly the bridge methods', () => {
    expect([...fake.exposed.keys()]).toEqual(['orderline']);
    expect(Object.keys(bridge).sort()).toEqual(
      [
        'appVersion',
        'listPrinters',
        'keepDeviceToken',
        'deviceToken',
        'onMenuCommand',
        'onUpdateReady',
        'openTextFile',
        'keepDailyBackup',
        'platform',
        'print',
        'printToPdf',
        'restartToUpdate',
        'saveFile',
        'setBusy',
      ].sort(),
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
      [() => bridge.keepDailyBackup('{}'), IPC_CHANNELS.keepDailyBackup, [{ backup: '{}' }]],
      [() => bridge.setBusy(true), IPC_CHANNELS.setBusy, [{ busy: true }]],
      [() => bridge.restartToUpdate(), IPC_CHANNELS.restartToUpdate, []],
      [() => bridge.keepDeviceToken('dt_1'), IPC_CHANNELS.keepDeviceToken, [{ token: 'dt_1' }]],
      [() => bridge.deviceToken('vault:x'), IPC_CHANNELS.deviceToken, [{ ref: 'vault:x' }]],
    ];
    for (const [call, channel, args] of calls) {
      fake.invoke.mockClear();
      expect(await call()).toEqual({ channel, args });
      expect(fake.invoke).toHaveBeenCalledTimes(1);
    }
  });

  it('hands the window menu commands without the IPC event, and stops when unsubscribed', () => {
    const received: unknown[][] = [];
    const stop = bridge.onMenuCommand((...args) => received.push(args));
    const ipcEvent = { sender: 'ipcRenderer itself' };
    fake.pushes.emit(PUSH_CHANNELS.menuCommand, ipcEvent, 'screen.pack');
    fake.pushes.emit(PUSH_CHANNELS.menuCommand, ipcEvent, 'file.format-disk');
    fake.pushes.emit(PUSH_CHANNELS.menuCommand, ipcEvent, { command: 'screen.pack' });
    stop();
    fake.pushes.emit(PUSH_CHANNELS.menuCommand, ipcEvent, 'screen.sell');
    expect(received).toEqual([['screen.pack']]);
    expect(fake.pushes.listenerCount(PUSH_CHANNELS.menuCommand)).toBe(0);
  });

  it('tells the window when an update is ready, with only its version', () => {
    const listener = vi.fn();
    const stop = bridge.onUpdateReady(listener);
    fake.pushes.emit(PUSH_CHANNELS.updateReady, {}, { version: '1.5.0' });
    fake.pushes.emit(PUSH_CHANNELS.updateReady, {}, { version: 15 });
    stop();
    expect(listener.mock.calls).toEqual([[{ version: '1.5.0' }]]);
  });
});

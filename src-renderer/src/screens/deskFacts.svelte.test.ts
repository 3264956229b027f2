// Settings › This desk without the DOM: the version and the storage promise show once read; the desk
// says whether it is the desktop app or a browser, and what the browser promises about its data.
import { describe, expect, it } from 'vitest';
import { DeskFacts } from './deskFacts.svelte';

describe('this desk', () => {
  it('shows the desktop app’s version and persistent storage once read', async () => {
    const desk = new DeskFacts({
      appVersion: async () => '1.4.2',
      platform: 'electron',
      persisted: async () => true,
    });
    expect([desk.version, desk.storage]).toEqual(['…', 'Checking…']);
    await desk.load();
    expect(desk.version).toBe('1.4.2');
    expect(desk.runsAs).toBe('Desktop app');
    expect(desk.storage).toBe('Persistent: the browser will not evict the store');
  });

  it('says a browser may evict data, and keeps checking where the browser cannot tell', async () => {
    const evictable = new DeskFacts({
      appVersion: async () => 'browser build',
      platform: 'browser',
      persisted: async () => false,
    });
    await evictable.load();
    expect(evictable.runsAs).toBe('Browser');
    expect(evictable.storage).toBe('Best effort: the browser may evict data under pressure');

    const unknown = new DeskFacts({ appVersion: async () => 'browser build', platform: 'browser' });
    await unknown.load();
    expect(unknown.storage).toBe('Checking…');
  });
});

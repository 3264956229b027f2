// The PIN field's state: an accepted PIN is handed back, a refused one is cleared with the reason
// shown, a failing check shows its message, and a second submit while one is checking is ignored.
import { describe, expect, it, vi } from 'vitest';
import { PinEntry } from './pinEntry.svelte';

describe('PinEntry', () => {
  it('hands back what the check accepted, checking the PIN as typed', async () => {
    const entry = new PinEntry();
    entry.pin = '2468';
    const check = vi.fn(async (pin: string) => ({ ok: true as const, who: `PIN ${pin}` }));
    await expect(entry.submit(check)).resolves.toEqual({ ok: true, who: 'PIN 2468' });
    expect(check).toHaveBeenCalledWith('2468');
    expect(entry.busy).toBe(false);
    expect(entry.error).toBe('');
  });

  it('clears a refused PIN, says why and lets the screen refocus the field', async () => {
    const entry = new PinEntry();
    entry.pin = '0000';
    const refused = vi.fn();
    const outcome = await entry.submit(
      async () => ({ ok: false, message: 'Wrong PIN: 4 tries left' }),
      refused,
    );
    expect(outcome).toBeNull();
    expect(entry.pin).toBe('');
    expect(entry.error).toBe('Wrong PIN: 4 tries left');
    expect(refused).toHaveBeenCalledOnce();
  });

  it('shows why the check itself failed, keeping the PIN typed', async () => {
    const entry = new PinEntry();
    entry.pin = '1470';
    await expect(
      entry.submit(async () => {
        throw new Error('The staff list could not be read');
      }),
    ).resolves.toBeNull();
    expect(entry.error).toBe('The staff list could not be read');
    expect(entry.pin).toBe('1470');
    expect(entry.busy).toBe(false);
  });

  it('ignores a second submit while the first is still checking', async () => {
    const entry = new PinEntry();
    let finish: (value: { ok: true }) => void = () => {};
    const first = entry.submit(() => new Promise<{ ok: true }>((resolve) => (finish = resolve)));
    expect(entry.busy).toBe(true);
    const check = vi.fn(async () => ({ ok: true as const }));
    await expect(entry.submit(check)).resolves.toBeNull();
    expect(check).not.toHaveBeenCalled();
    finish({ ok: true });
    await expect(first).resolves.toEqual({ ok: true });
  });

  it('starts again with no PIN and nothing said', () => {
    const entry = new PinEntry();
    entry.pin = '12';
    entry.error = 'Wrong PIN';
    entry.reset();
    expect([entry.pin, entry.error]).toEqual(['', '']);
  });
});

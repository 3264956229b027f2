import { describe, expect, it, vi } from 'vitest';
import { StockFeedback, messageOf } from './stockFeedback.svelte';

describe('StockFeedback', () => {
  it('starts with the hint, beeps ok or buzzes error, and numbers each message so repeats flash', () => {
    const sound = vi.fn();
    const feedback = new StockFeedback('Scan the first item', sound);
    expect(feedback.current).toEqual({ kind: 'idle', message: 'Scan the first item', seq: 0 });
    feedback.error('Unknown barcode');
    feedback.error('Unknown barcode');
    expect(feedback.current).toEqual({ kind: 'error', message: 'Unknown barcode', seq: 2 });
    feedback.ok('Added');
    expect(sound.mock.calls).toEqual([['error'], ['error'], ['ok']]);
    feedback.hint('Counted');
    expect(feedback.current.kind).toBe('idle');
    expect(sound).toHaveBeenCalledTimes(3);
  });

  it('reads an error or anything thrown as a sentence', () => {
    expect(messageOf(new Error('No such bin'))).toBe('No such bin');
    expect(messageOf('plain')).toBe('plain');
  });
});

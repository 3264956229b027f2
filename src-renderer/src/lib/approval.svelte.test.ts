// One approval at a time: the dialog's answer reaches the screen that asked, and a newer request
// cancels an older one instead of leaving it waiting forever.
import { describe, expect, it } from 'vitest';
import { ApprovalQueue } from './approval.svelte';

describe('ApprovalQueue', () => {
  it('hands the approving manager to the screen that asked', async () => {
    const queue = new ApprovalQueue();
    const asked = queue.ask('refund', 'Refund £5.00 on D1-000042');
    expect(queue.pending).toMatchObject({ action: 'refund', summary: 'Refund £5.00 on D1-000042' });
    queue.answer({ staffId: 'm1', staffName: 'Mia Manager' });
    await expect(asked).resolves.toEqual({ staffId: 'm1', staffName: 'Mia Manager' });
    expect(queue.pending).toBeNull();
  });

  it('answers null when cancelled, and when a newer request replaces it', async () => {
    const queue = new ApprovalQueue();
    const first = queue.ask('refund', 'first');
    const second = queue.ask('price_override', 'second');
    await expect(first).resolves.toBeNull();
    expect(queue.pending?.summary).toBe('second');
    queue.answer(null);
    await expect(second).resolves.toBeNull();
  });
});

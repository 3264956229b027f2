import { describe, expect, it, vi } from 'vitest';
import type { Feedback, FeedbackAnswer } from '$shared/feedback';
import { OrderFeedback, type FeedbackOrder } from './orderFeedback.svelte';

const ORDER: FeedbackOrder = {
  id: '0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b',
  number: 'D1-000042',
  customerId: '0193a1b2-c3d4-7e5f-8a6b-00000000001f',
  customerName: 'Ada',
};

function pane(
  record = vi.fn(async (_o: FeedbackOrder, answer: FeedbackAnswer) => ({ ...answer }) as Feedback),
) {
  return { form: new OrderFeedback({ list: async () => [], record }), record };
}

describe('feedback taken by phone', () => {
  it('names what is missing, keeps what was typed and writes nothing', async () => {
    const { form, record } = pane();
    form.start();
    form.recommend = '8';
    form.comment = 'Arrived a day late';
    expect(await form.submit(ORDER)).toBe(false);
    expect(form.problems).toEqual(['Choose how satisfied you are (1 to 5)']);
    expect(form.comment).toBe('Arrived a day late');
    expect(form.open).toBe(true);
    expect(record).not.toHaveBeenCalled();
  });

  it('records the answers for the order, then clears and closes the form', async () => {
    const { form, record } = pane();
    form.start();
    form.satisfaction = '4';
    form.recommend = '8';
    form.comment = ' Arrived a day late ';
    expect(await form.submit(ORDER)).toBe(true);
    expect(record).toHaveBeenCalledWith(ORDER, {
      satisfaction: 4,
      recommend: 8,
      comment: 'Arrived a day late',
    });
    expect(form.done).toBe('Feedback on order D1-000042 recorded');
    expect([form.open, form.satisfaction, form.recommend, form.comment]).toEqual([false, '', '', '']);
  });

  it('shows why the write failed and keeps the answers', async () => {
    const { form } = pane(
      vi.fn(async () => {
        throw new Error('The desk’s storage is full');
      }),
    );
    form.start();
    form.satisfaction = '2';
    form.recommend = '3';
    expect(await form.submit(ORDER)).toBe(false);
    expect(form.problems).toEqual(['The desk’s storage is full']);
    expect([form.satisfaction, form.recommend, form.busy]).toEqual(['2', '3', false]);
  });
});

import { describe, expect, it } from 'vitest';
import { emailedFeedbackId, npsGroup, npsOf, parseFeedbackAnswer } from './feedback';

describe('a feedback answer', () => {
  it('is read from form fields, the comment trimmed and left out when empty', () => {
    expect(parseFeedbackAnswer({ satisfaction: '4', recommend: '9', comment: '  Quick!  ' })).toEqual({
      ok: true,
      answer: { satisfaction: 4, recommend: 9, comment: 'Quick!' },
    });
    expect(parseFeedbackAnswer({ satisfaction: 5, recommend: 0, comment: ' ' })).toEqual({
      ok: true,
      answer: { satisfaction: 5, recommend: 0 },
    });
  });

  it('names every missing or wrong answer in a sentence', () => {
    expect(parseFeedbackAnswer({ satisfaction: '6', comment: 'x'.repeat(2001) })).toEqual({
      ok: false,
      problems: [
        'How satisfied you are must be a whole number from 1 to 5',
        'Choose how likely you are to recommend us (0 to 10)',
        'The comment is longer than 2000 characters; shorten it',
      ],
    });
  });

  it('to an e-mailed request has one id per order', () => {
    const order = '0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
    expect(emailedFeedbackId(order)).toBe(emailedFeedbackId(order));
    expect(emailedFeedbackId(order)).not.toBe(emailedFeedbackId('0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c'));
  });
});

describe('NPS', () => {
  it('groups 9–10 as promoters, 7–8 passive, 0–6 detractors', () => {
    expect([10, 9, 8, 7, 6, 0].map(npsGroup)).toEqual([
      'promoter',
      'promoter',
      'passive',
      'passive',
      'detractor',
      'detractor',
    ]);
  });

  it('is % promoters less % detractors, worked by hand', () => {
    // 3 promoters, 1 passive, 2 detractors of 6: 50% − 33.3% = 16.7 → 17; satisfaction 23 / 6 = 3.83 → 3.8.
    const answers = [10, 9, 9, 7, 6, 2].map((recommend, i) => ({
      recommend,
      satisfaction: [5, 4, 5, 4, 3, 2][i]!,
    }));
    expect(npsOf(answers)).toEqual({
      answers: 6,
      promoters: 3,
      passives: 1,
      detractors: 2,
      nps: 17,
      satisfaction: 3.8,
    });
    expect(npsOf([])).toMatchObject({ answers: 0, nps: null, satisfaction: null });
  });
});

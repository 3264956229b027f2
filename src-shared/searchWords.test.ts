import { describe, expect, it } from 'vitest';
import { phoneDigits, searchWords } from './searchWords';

describe('searchWords', () => {
  it('folds case and accents so a typed query matches stored names', () => {
    expect(searchWords('Crème Brûlée', 'KÖLN')).toEqual(['creme', 'brulee', 'koln']);
  });

  it('splits on punctuation and drops duplicates, keeping first-seen order', () => {
    expect(searchWords('T-Shirt, t shirt', undefined, null, 'Shirts')).toEqual(['t', 'shirt', 'shirts']);
  });

  it('keeps letters of any script and digits', () => {
    expect(searchWords('東京 Mug 350ml')).toEqual(['東京', 'mug', '350ml']);
  });

  it('caps the number of words so one long description cannot bloat the index', () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    expect(searchWords(long)).toHaveLength(40);
  });
});

describe('phoneDigits', () => {
  it('keeps digits only', () => {
    expect(phoneDigits('+44 (0)20 7946-0018')).toBe('440207946' + '0018');
    expect(phoneDigits(undefined)).toBe('');
  });
});

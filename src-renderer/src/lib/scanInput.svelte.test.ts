// A scan lands in whatever field has focus (keys are never held back) and is then taken back out,
// leaving the field as the person left it.
import { describe, expect, it } from 'vitest';
import { takeBack } from './scanInput.svelte';

describe('takeBack', () => {
  it('puts an empty search box back to empty after a scan landed in it', () => {
    const now = { value: '4006381333931', start: 13, end: 13 };
    expect(takeBack({ value: '', start: 0, end: 0 }, now, '4006381333931')).toEqual({
      value: '',
      start: 0,
      end: 0,
    });
  });

  it('restores text and selection that the scan replaced', () => {
    const before = { value: 'Steinecke', start: 0, end: 9 };
    const now = { value: '5012345678900', start: 13, end: 13 };
    expect(takeBack(before, now, '5012345678900')).toEqual(before);
  });

  it('keeps what was typed around the caret and cuts only the scan', () => {
    const before = { value: 'Bianka Stein', start: 7, end: 7 };
    const now = { value: 'Bianka 96385074Stein', start: 15, end: 15 };
    expect(takeBack(before, now, '96385074')).toEqual(before);
  });

  it('cuts the scan before the caret when the field changed otherwise meanwhile', () => {
    const now = { value: 'mug D1-000042', start: 13, end: 13 };
    expect(takeBack({ value: 'x', start: 1, end: 1 }, now, 'D1-000042')).toEqual({
      value: 'mug ',
      start: 4,
      end: 4,
    });
  });

  it('leaves a field alone when the scan is not in it', () => {
    expect(takeBack(null, { value: 'Germany', start: 7, end: 7 }, '4006381333931')).toBeNull();
    expect(takeBack(null, { value: '', start: 0, end: 0 }, '')).toBeNull();
  });
});

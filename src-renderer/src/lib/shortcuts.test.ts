import { describe, expect, it } from 'vitest';
import { isQuantityKey, shortcutFor } from './shortcuts';

const press = (over: Partial<Parameters<typeof shortcutFor>[0]>) =>
  shortcutFor({ key: '', altKey: false, ctrlKey: false, metaKey: false, inTextField: false, ...over });

describe('shortcutFor', () => {
  it('opens each screen with Alt and its digit, by key or by physical code', () => {
    expect(press({ key: '1', altKey: true })).toEqual({ kind: 'screen', screen: 'sell' });
    expect(press({ key: '¡', code: 'Digit5', altKey: true })).toEqual({ kind: 'screen', screen: 'catalog' });
    expect(press({ key: '8', altKey: true })).toEqual({ kind: 'screen', screen: 'settings' });
    expect(press({ key: '9', altKey: true })).toEqual({ kind: 'screen', screen: 'stock' });
    expect(press({ key: '0', altKey: true })).toBeNull();
  });

  it('focuses search with "/" or Ctrl+K, but lets "/" be typed inside a text field', () => {
    expect(press({ key: '/' })).toEqual({ kind: 'search' });
    expect(press({ key: 'k', ctrlKey: true, inTextField: true })).toEqual({ kind: 'search' });
    expect(press({ key: '/', inTextField: true })).toBeNull();
  });

  it('opens help with "?" outside text fields only', () => {
    expect(press({ key: '?' })).toEqual({ kind: 'help' });
    expect(press({ key: '?', inTextField: true })).toBeNull();
  });
});

describe('isQuantityKey', () => {
  it('takes ×, * and x as the quantity key, and nothing else', () => {
    expect(['×', '*', 'x'].map(isQuantityKey)).toEqual([true, true, true]);
    expect(['X', '8', 'Enter', '+'].map(isQuantityKey)).toEqual([false, false, false, false]);
  });
});

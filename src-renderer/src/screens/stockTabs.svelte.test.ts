// The Stock tabs: arrows go round the ends, Home and End jump, other keys are left alone, and a
// count opened for a bin forgets the bin when another tab is chosen.
import { describe, expect, it } from 'vitest';
import { StockTabs, stockFocusTargets } from './stockTabs.svelte';

describe('the Stock tabs', () => {
  it('move with the arrows round the ends, and jump with Home and End', () => {
    const tabs = new StockTabs();
    expect(tabs.tabForKey('ArrowLeft')).toBe('returns');
    expect(tabs.tabForKey('ArrowRight')).toBe('adjust');
    expect(tabs.tabForKey('End')).toBe('returns');
    tabs.choose('returns');
    expect(tabs.tabForKey('ArrowRight')).toBe('goods-in');
    expect(tabs.tabForKey('Home')).toBe('goods-in');
    expect(tabs.tabForKey('Enter')).toBeNull();
    expect(tabs.tabForKey('a')).toBeNull();
  });

  it('opens a count for a bin, and forgets the bin on another tab', () => {
    const tabs = new StockTabs();
    tabs.countThis('A-01-2');
    expect(tabs.tab).toBe('count');
    expect(tabs.countBin).toBe('A-01-2');
    tabs.choose('count');
    expect(tabs.countBin).toBe('A-01-2');
    tabs.choose('bins');
    expect(tabs.countBin).toBeNull();
  });
});

describe('focus on the Stock screen', () => {
  it('asks for the supplier at its field, starts the next delivery there, a started count at the next quantity, a closed one at the next bin', () => {
    expect(stockFocusTargets('supplier-needed')).toEqual(['[data-focus="goods-in-supplier"]']);
    expect(stockFocusTargets('delivery-booked')).toEqual(['[data-focus="goods-in-supplier"]']);
    expect(stockFocusTargets('count-started')).toEqual(['[data-focus="count-quantity"]']);
    expect(stockFocusTargets('count-closed')).toEqual(['[data-focus="count-bin"]']);
  });
});

// The Stock screen's tabs without the DOM: which tab is open, which bin a count was started for,
// and where the arrow keys, Home and End move (round the ends). StockScreen.svelte draws the tabs
// and moves the focus.

export type StockTab = 'goods-in' | 'adjust' | 'bins' | 'count' | 'returns';

export const STOCK_TABS: readonly { id: StockTab; label: string }[] = [
  { id: 'goods-in', label: 'Goods-in' },
  { id: 'adjust', label: 'Adjust' },
  { id: 'bins', label: 'Stock by bin' },
  { id: 'count', label: 'Cycle count' },
  { id: 'returns', label: 'Returns' },
];

/** A step after which focus moves on to the next thing the person does. */
export type StockStep = 'supplier-needed' | 'delivery-booked' | 'count-started' | 'count-closed';

/** Where focus goes after each step (selectors in order of preference, for lib/focusNext): a delivery
 * refused for want of its supplier, and a booked one (the next starts at its supplier), go to the
 * supplier; a started count takes the quantity of the next scan; a confirmed or cancelled count waits
 * for the next bin. */
export function stockFocusTargets(step: StockStep): string[] {
  return {
    'supplier-needed': ['[data-focus="goods-in-supplier"]'],
    'delivery-booked': ['[data-focus="goods-in-supplier"]'],
    'count-started': ['[data-focus="count-quantity"]'],
    'count-closed': ['[data-focus="count-bin"]'],
  }[step];
}

export class StockTabs {
  tab = $state<StockTab>('goods-in');
  /** The bin "Count this bin" opened the cycle count for, until another tab is chosen. */
  countBin = $state<string | null>(null);

  choose(next: StockTab): void {
    this.tab = next;
    if (next !== 'count') this.countBin = null;
  }

  /** Opens the cycle count for `bin` (from Stock by bin). */
  countThis(bin: string): void {
    this.tab = 'count';
    this.countBin = bin;
  }

  /** The tab a key moves to from the open one, or null for a key the tabs do not take. */
  tabForKey(key: string): StockTab | null {
    const at = STOCK_TABS.findIndex((t) => t.id === this.tab);
    const last = STOCK_TABS.length - 1;
    const to =
      key === 'ArrowRight'
        ? (at + 1) % STOCK_TABS.length
        : key === 'ArrowLeft'
          ? (at + last) % STOCK_TABS.length
          : key === 'Home'
            ? 0
            : key === 'End'
              ? last
              : null;
    return to === null ? null : STOCK_TABS[to]!.id;
  }
}

// What each screen that is not built yet will hold, said plainly to the person who opens it.
import type { ScreenId } from '../lib/screens';

export interface PlaceholderInfo {
  title: string;
  summary: string;
  planned: string[];
}

export const PLACEHOLDERS: Record<
  Exclude<ScreenId, 'catalog' | 'orders' | 'settings' | 'stock'>,
  PlaceholderInfo
> = {
  sell: {
    title: 'Sell',
    summary:
      'Phone, mail and counter orders from cart to receipt, by keyboard and scanner alone, with or without a network.',
    planned: [
      'Find or create the customer by phone, name, e-mail or company without leaving the sale',
      'Cart by scan, SKU, search or category, with variants, live stock and discounts',
      'Shipping priced for the destination, tax lines, split payments',
      '80 mm receipt, A4 invoice, e-mail receipt; held carts and quotations',
    ],
  },
  pack: {
    title: 'Pack',
    summary:
      'Packing benches open the next paid order, scan every item into the parcel and print its documents.',
    planned: [
      'Order queue by urgency with claims so two benches never pack the same order',
      'Pick lists for one order or a batch, sorted in bin walk order',
      'Scan-to-verify packing with loud, unmistakable feedback',
      'Packing slip and 4x6 shipping label',
    ],
  },
  ship: {
    title: 'Ship',
    summary: 'Hand parcels to carriers: scan the tracking barcode, mark shipped and notify the customer.',
    planned: [
      'Carrier recognised from the tracking number, check digit verified',
      'Partial shipments and backorders',
      'End-of-day manifest per carrier',
    ],
  },
  customers: {
    title: 'Customers',
    summary: 'Everyone who has bought from the store, their addresses and their order history.',
    planned: [
      'Search by phone, name, e-mail, company or order number',
      'Addresses with postcode checks per country',
      'How they heard about the store, repeat purchases, notes',
    ],
  },
  reports: {
    title: 'Reports',
    summary: 'The whole customer journey in numbers, the same on every desk.',
    planned: [
      'Sales by channel and by acquisition source',
      'Open intent: held carts and quotes',
      'Fulfilment times from payment to shipping; returns',
    ],
  },
};

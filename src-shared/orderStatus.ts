// The stages an order can be in. The order machine (machines/orderMachine.ts) has one state per
// status; stored orders carry the status as a plain string so any side can read it.

export const ORDER_STATUSES = [
  'cart',
  'payment',
  'receipt',
  'processing',
  'packaging',
  'partially_shipped',
  'shipped',
  'delivered',
  'on_hold',
  'cancelled',
  'returned',
  'refunded',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  cart: 'Cart',
  payment: 'Awaiting payment',
  receipt: 'Paid – receipt due',
  processing: 'Processing',
  packaging: 'Packaging',
  partially_shipped: 'Partly shipped',
  shipped: 'Shipped',
  delivered: 'Delivered',
  on_hold: 'On hold',
  cancelled: 'Cancelled',
  returned: 'Returned',
  refunded: 'Refunded',
};

export const ORDER_CHANNELS = ['phone', 'mail', 'counter', 'email'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export const ACQUISITION_SOURCES = [
  'search_engine',
  'social_media',
  'word_of_mouth',
  'catalogue_mailing',
  'print_advert',
  'marketplace',
  'returning_customer',
  'walk_in',
  'other',
] as const;
export type AcquisitionSource = (typeof ACQUISITION_SOURCES)[number];

/** How each acquisition source reads to a person. */
export const ACQUISITION_LABELS: Record<AcquisitionSource, string> = {
  search_engine: 'Search engine',
  social_media: 'Social media',
  word_of_mouth: 'Word of mouth / a friend',
  catalogue_mailing: 'Our catalogue in the post',
  print_advert: 'Print advert',
  marketplace: 'Online marketplace',
  returning_customer: 'Bought from us before',
  walk_in: 'Walked past the shop',
  other: 'Other',
};

/** How each sales channel reads to a person. */
export const CHANNEL_LABELS: Record<OrderChannel, string> = {
  phone: 'Phone',
  mail: 'Mail',
  counter: 'Counter',
  email: 'E-mail',
};

import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { newId } from './ids';
import {
  AddressSchema,
  CustomerSchema,
  OrderEventSchema,
  OrderLineSchema,
  OrderSchema,
  OutboxEntrySchema,
  PaymentSchema,
  ProductSchema,
  SettingSchema,
  StaffSchema,
  StockLevelSchema,
  StockMovementSchema,
  VariantSchema,
} from './records';
import { safeParseRecord } from './validation';

const at = '2025-06-06T09:30:00.000Z';
const gbp = (amount: number) => ({ amount, currency: 'GBP' });

/** The problems a schema finds, as a person reads them; [] when the record is good. */
function problems(schema: z.ZodType, record: unknown): string[] {
  const result = safeParseRecord(schema, record);
  return result.ok ? [] : result.issues;
}

const product = {
  id: newId(),
  name: 'Organic cotton T-shirt',
  category: 'Clothing',
  brand: 'Northwind',
  taxClass: 'standard',
  options: ['Size', 'Colour'],
  allowBackorder: false,
  active: true,
  searchWords: ['organic', 'cotton', 't-shirt'],
  createdAt: at,
  updatedAt: at,
};
const variant = {
  id: newId(),
  productId: product.id,
  sku: 'TSH-RED-M',
  barcode: '4006381333931',
  attributes: { Size: 'M', Colour: 'Red' },
  price: gbp(18_00),
  weightGrams: 180,
  bin: 'A-03-2',
  createdAt: at,
  updatedAt: at,
};
const address = {
  id: newId(),
  kind: 'shipping',
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};
const customer = {
  id: newId(),
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+44 20 7946 0018',
  phoneDigits: '442079460018',
  addresses: [address],
  acquisitionSource: 'search_engine',
  isBusiness: false,
  searchWords: ['ada', 'lovelace'],
  createdAt: at,
  updatedAt: at,
};
const line = {
  id: newId(),
  variantId: variant.id,
  sku: 'TSH-RED-M',
  name: 'Organic cotton T-shirt, Red, M',
  quantity: 2,
  unitPrice: gbp(18_00),
  taxClass: 'standard',
  discount: gbp(2_00),
};
const payment = {
  id: newId(),
  method: 'card_terminal',
  amount: gbp(34_00),
  reference: 'TXN-88412-A',
  cardLast4: '4242',
  at,
};
const order = {
  id: newId(),
  number: 'D1-000042',
  deskId: 'D1',
  customerId: customer.id,
  customerName: 'Ada Lovelace',
  channel: 'phone',
  status: 'receipt',
  currency: 'GBP',
  lines: [line],
  shippingAddress: address,
  shippingMethod: 'Royal Mail Tracked 48',
  totals: { subtotal: 36_00, discount: 2_00, shipping: 0, tax: 5_67, total: 34_00, paid: 34_00, refunded: 0 },
  payments: [payment],
  gift: { wrap: true, message: 'Happy birthday!' },
  machine: {},
  version: 3,
  searchWords: ['d1-000042'],
  createdAt: at,
  updatedAt: at,
};
const movement = {
  id: newId(),
  variantId: variant.id,
  kind: 'receive',
  quantity: 24,
  deskId: 'D1',
  createdAt: at,
};

describe('every schema accepts a good record', () => {
  test.each([
    ['product', ProductSchema, product],
    ['variant', VariantSchema, variant],
    ['stock movement', StockMovementSchema, movement],
    ['stock level', StockLevelSchema, { variantId: variant.id, onHand: 24, reserved: 2, updatedAt: at }],
    ['address', AddressSchema, address],
    ['customer', CustomerSchema, customer],
    ['order line', OrderLineSchema, line],
    ['payment', PaymentSchema, payment],
    ['order', OrderSchema, order],
    [
      'order event',
      OrderEventSchema,
      {
        id: newId(),
        orderId: order.id,
        seq: 1,
        event: { type: 'payment.capture', amount: 3400 },
        from: 'payment',
        to: 'receipt',
        deskId: 'D1',
        at,
      },
    ],
    [
      'outbox entry',
      OutboxEntrySchema,
      {
        id: newId(),
        kind: 'order.event',
        table: 'orders',
        recordId: order.id,
        payload: { any: 'thing' },
        createdAt: at,
        state: 'pending',
      },
    ],
    [
      'staff',
      StaffSchema,
      {
        id: newId(),
        name: 'Sam',
        role: 'packer',
        pinHash: 'pbkdf2-sha256$600000$c2FsdA==$aGFzaA==',
        active: true,
        createdAt: at,
        updatedAt: at,
      },
    ],
    ['setting', SettingSchema, { key: 'store.currency', value: 'GBP' }],
  ])('%s', (_name, schema, record) => {
    expect(problems(schema, record)).toEqual([]);
  });
});

describe('products and variants', () => {
  test('refuse a barcode with a wrong check digit, saying which digit was expected', () => {
    expect(problems(VariantSchema, { ...variant, barcode: '4006381333932' })).toEqual([
      'Barcode 4006381333932 has a wrong check digit (expected 1)',
    ]);
  });

  test('store a scanned barcode without the whitespace around it', () => {
    const result = safeParseRecord(VariantSchema, { ...variant, barcode: ' 4006381333931\r\n' });
    expect(result.ok && result.value.barcode).toBe('4006381333931');
  });

  test('refuse a negative price, a fractional price and a price without a real currency', () => {
    expect(problems(VariantSchema, { ...variant, price: gbp(-100) })).toEqual(['Price cannot be negative']);
    expect(problems(VariantSchema, { ...variant, price: gbp(17.5) })).toEqual([
      'Price must be a whole number of minor units (cents), not a fraction',
    ]);
    expect(problems(VariantSchema, { ...variant, price: { amount: 100, currency: 'pounds' } })).toEqual([
      'Price › currency must be a three-letter ISO 4217 currency code such as USD or EUR',
    ]);
  });

  test('refuse SKUs that are lower case, too short or contain spaces', () => {
    for (const sku of ['tsh-red-m', 'T', 'TSH RED M', '-TSH']) {
      expect(problems(VariantSchema, { ...variant, sku })).toEqual([
        'SKU must be 2–40 capital letters, digits, dots, dashes or underscores (e.g. TSH-RED-M)',
      ]);
    }
  });

  test('refuse impossible weights and badly written bins', () => {
    expect(problems(VariantSchema, { ...variant, weightGrams: 12.5 })).toEqual([
      'Weight must be a whole number of grams',
    ]);
    expect(problems(VariantSchema, { ...variant, weightGrams: 2_000_000 })).toEqual([
      'Weight above 1000 kg is not a parcel',
    ]);
    expect(problems(VariantSchema, { ...variant, bin: 'a3' })).toEqual([
      'Bin must look like A-03-2 (aisle-bay-shelf)',
    ]);
  });

  test('refuse an empty product name and an unknown tax class', () => {
    expect(problems(ProductSchema, { ...product, name: '   ', taxClass: 'luxury' })).toEqual([
      'Product name cannot be empty',
      'Tax class must be one of standard, reduced, zero, exempt',
    ]);
  });
});

describe('order lines', () => {
  test('refuse a fractional quantity without calling it missing', () => {
    expect(problems(OrderLineSchema, { ...line, quantity: 1.5 })).toEqual([
      'Quantity must be a whole number',
    ]);
  });

  test('refuse a quantity of a million, and of zero', () => {
    expect(problems(OrderLineSchema, { ...line, quantity: 1_000_000 })).toEqual([
      'Quantity above 9,999 on one line is not believable',
    ]);
    expect(problems(OrderLineSchema, { ...line, quantity: 0 })).toEqual(['Quantity must be at least 1']);
  });

  test('refuse a negative unit price or discount', () => {
    expect(problems(OrderLineSchema, { ...line, unitPrice: gbp(-1), discount: gbp(-1) })).toEqual([
      'Unit price cannot be negative',
      'Discount cannot be negative',
    ]);
  });
});

describe('stock movements', () => {
  test('refuse a million units and a zero movement', () => {
    expect(problems(StockMovementSchema, { ...movement, quantity: 1_000_000 })).toEqual([
      'Quantity above 100,000 units is not believable',
    ]);
    expect(problems(StockMovementSchema, { ...movement, quantity: 0 })).toEqual(['Quantity cannot be zero']);
  });

  test('allow a negative quantity only for an adjustment, and only with a reason', () => {
    expect(problems(StockMovementSchema, { ...movement, quantity: -2 })).toEqual([
      'Quantity cannot be negative except in an adjustment',
    ]);
    expect(problems(StockMovementSchema, { ...movement, kind: 'adjust', quantity: -2 })).toEqual([
      'Reason is needed for a stock adjustment',
    ]);
    expect(
      problems(StockMovementSchema, {
        ...movement,
        kind: 'adjust',
        quantity: -2,
        reason: 'Count found 2 fewer',
      }),
    ).toEqual([]);
  });
});

describe('addresses and customers', () => {
  test('refuse a country written as a name or in lower case', () => {
    expect(problems(AddressSchema, { ...address, country: 'UK ' })).toEqual([
      'Country must be a two-letter ISO 3166 country code such as US, GB or DE',
    ]);
    expect(problems(AddressSchema, { ...address, country: 'gb' })).toHaveLength(1);
  });

  test('say which of a customer’s addresses is wrong', () => {
    expect(
      problems(CustomerSchema, { ...customer, addresses: [address, { ...address, line1: '' }] }),
    ).toEqual(['Addresses › #2 › Address line 1 cannot be empty']);
  });

  test('refuse a malformed e-mail address', () => {
    expect(problems(CustomerSchema, { ...customer, email: 'ada(at)example.com' })).toEqual([
      'E-mail address is not valid (expected name@example.com)',
    ]);
  });
});

describe('payments never hold a card number', () => {
  test('refuse a full card number in the last-four field', () => {
    expect(problems(PaymentSchema, { ...payment, cardLast4: '4242424242424242' })).toEqual([
      'Card digits must be the last four digits only, never the whole card number',
    ]);
  });

  test('refuse a card number typed into the reference, with or without spaces', () => {
    for (const reference of ['4242424242424242', 'card 4111 1111 1111 1111', '5500-0000-0000-0004']) {
      expect(problems(PaymentSchema, { ...payment, reference })).toEqual([
        "Reference looks like a full card number; keep the terminal's reference here and only the last four digits in Card digits",
      ]);
    }
  });

  test('keep ordinary terminal references and purchase-order numbers, even long ones', () => {
    for (const reference of ['TXN-88412-A', 'PO 2025-0042', '4242424242424241', '12345678901234567890123']) {
      expect(problems(PaymentSchema, { ...payment, reference })).toEqual([]);
    }
  });

  test('refuse fields the schema does not know, such as a CVV', () => {
    expect(problems(PaymentSchema, { ...payment, cvv: '123' })).toEqual(['Unexpected field cvv']);
  });
});

describe('orders', () => {
  test('refuse an order number that does not look like D1-000042', () => {
    expect(problems(OrderSchema, { ...order, number: '42' })).toEqual([
      'Order number must look like D1-000042 (desk code, dash, six digits)',
    ]);
  });

  test('name the line and payment a problem is in', () => {
    expect(
      problems(OrderSchema, {
        ...order,
        lines: [line, { ...line, quantity: 2.5 }],
        payments: [{ ...payment, cardLast4: '42' }],
      }),
    ).toEqual([
      'Lines › #2 › quantity must be a whole number',
      'Payments › #1 › Card digits must be the last four digits only, never the whole card number',
    ]);
  });

  test('refuse an event type that is not dotted', () => {
    expect(
      problems(OrderEventSchema, {
        id: newId(),
        orderId: order.id,
        seq: 1,
        event: { type: 'PAY' },
        from: 'payment',
        to: 'receipt',
        deskId: 'D1',
        at,
      }),
    ).toHaveLength(1);
  });
});

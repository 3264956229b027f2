// The documents the sync benchmark moves: empty carts as a desk creates them (one order.create
// change each) and catalogue products, plus a fast way to put products in a store's change log.
import type { Sql } from '../../src-server/db';
import { newId, orderNumber } from '$shared/ids';
import type { Order, Product } from '$shared/records';
import { newOrderRow } from '$db/writeOrderChange';

const WORDS = [
  'linen',
  'cotton',
  'wool',
  'oak',
  'steel',
  'blue',
  'green',
  'mug',
  'shirt',
  'lamp',
  'chair',
  'bag',
];
const CATEGORIES = ['Kitchen', 'Clothing', 'Home', 'Garden', 'Office'];

export function makeProducts(count: number): Product[] {
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const name = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} ${i + 1}`;
    const category = CATEGORIES[i % CATEGORIES.length]!;
    return {
      id: newId(),
      name,
      description: `A ${name} for the benchmark catalogue, described in a sentence or two like the real ones.`,
      category,
      brand: 'Northwind',
      taxClass: 'standard',
      options: i % 3 ? ['Size', 'Colour'] : [],
      allowBackorder: false,
      active: true,
      searchWords: [...name.split(' '), 'northwind', category.toLowerCase()],
      createdAt: at,
      updatedAt: at,
    };
  });
}

/** Orders as desk `deskCode` numbers them, from `first`. */
export function makeOrders(count: number, deskCode: string, first = 1): Order[] {
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_, i) =>
    newOrderRow(
      { channel: 'phone', currency: 'EUR', customerName: `Customer ${first + i}` },
      orderNumber(deskCode, first + i),
      { deskId: deskCode },
      at,
    ),
  );
}

/** Appends products to a store's change log and records in bulk SQL (setup, not what is timed:
 * pushing them one change at a time would take minutes before the pull could start). */
export async function seedProducts(sql: Sql, storeId: string, products: readonly Product[], chunk = 2000) {
  for (let start = 0; start < products.length; start += chunk) {
    const rows = JSON.stringify(products.slice(start, start + chunk));
    await sql.transaction(async (tx) => {
      const [store] = await tx.query<{ base: unknown }>(
        // Setup runs alone, so the sequence's next values are contiguous.
        "SELECT min(s) - 1 AS base FROM (SELECT nextval('change_seq') AS s FROM generate_series(1, $1)) n",
        [Math.min(chunk, products.length - start)],
      );
      const base = Number(store!.base);
      await tx.query(
        `INSERT INTO change_log (store_id, seq, table_name, record_id, record)
         SELECT $1, $2::bigint + t.n, 'products', (t.r->>'id')::uuid, t.r
           FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(r, n)`,
        [storeId, base, rows],
      );
      await tx.query(
        `INSERT INTO records (store_id, table_name, id, data, field_seqs, updated_seq)
         SELECT $1, 'products', (t.r->>'id')::uuid, t.r,
                (SELECT jsonb_object_agg(k, $2::bigint + t.n) FROM jsonb_object_keys(t.r) AS k),
                $2::bigint + t.n
           FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(r, n)`,
        [storeId, base, rows],
      );
    });
  }
}

export const newDeskName = () => `bench-${newId()}`;

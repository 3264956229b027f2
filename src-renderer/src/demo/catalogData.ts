// The demo store's catalog vocabulary: categories with their products' shapes, so generated
// products read like a real shop's (a size-and-colour T-shirt, a single-size mug).
import type { Product } from '$shared/records';

export type CategorySpec = {
  name: string;
  code: string;
  nouns: readonly string[];
  options: readonly { name: string; values: readonly string[] }[];
  priceRange: readonly [number, number];
  weightRange: readonly [number, number];
  taxClass: Product['taxClass'];
};

const SIZES = ['XS', 'S', 'M', 'L', 'XL'] as const;
const COLOURS = ['Black', 'White', 'Navy', 'Red', 'Olive', 'Grey', 'Mustard', 'Teal'] as const;

export const CATEGORIES: readonly CategorySpec[] = [
  {
    name: 'T-shirts',
    code: 'TSH',
    nouns: ['T-shirt', 'Tee', 'Crew Tee', 'V-neck Tee'],
    options: [
      { name: 'Size', values: SIZES },
      { name: 'Colour', values: COLOURS },
    ],
    priceRange: [12_00, 35_00],
    weightRange: [150, 260],
    taxClass: 'standard',
  },
  {
    name: 'Knitwear',
    code: 'KNT',
    nouns: ['Jumper', 'Cardigan', 'Sweater', 'Beanie'],
    options: [
      { name: 'Size', values: SIZES },
      { name: 'Colour', values: COLOURS },
    ],
    priceRange: [25_00, 95_00],
    weightRange: [250, 700],
    taxClass: 'standard',
  },
  {
    name: 'Footwear',
    code: 'SHO',
    nouns: ['Trainer', 'Boot', 'Sandal', 'Loafer'],
    options: [{ name: 'Size', values: ['37', '38', '39', '40', '41', '42', '43', '44', '45'] }],
    priceRange: [40_00, 160_00],
    weightRange: [600, 1500],
    taxClass: 'standard',
  },
  {
    name: 'Kitchen',
    code: 'KIT',
    nouns: ['Mug', 'Teapot', 'Chopping Board', 'Knife Set', 'Cafetière'],
    options: [{ name: 'Colour', values: COLOURS }],
    priceRange: [8_00, 80_00],
    weightRange: [200, 2500],
    taxClass: 'standard',
  },
  {
    name: 'Books',
    code: 'BKS',
    nouns: ['Cookbook', 'Field Guide', 'Atlas', 'Notebook', 'Sketchbook'],
    options: [],
    priceRange: [6_00, 45_00],
    weightRange: [200, 1400],
    taxClass: 'zero',
  },
  {
    name: 'Pantry',
    code: 'PAN',
    nouns: ['Coffee Beans', 'Loose Tea', 'Honey', 'Olive Oil', 'Chocolate'],
    options: [{ name: 'Pack', values: ['250 g', '500 g', '1 kg'] }],
    priceRange: [4_00, 28_00],
    weightRange: [250, 1100],
    taxClass: 'zero',
  },
  {
    name: 'Toys',
    code: 'TOY',
    nouns: ['Puzzle', 'Wooden Train', 'Kite', 'Board Game', 'Plush Bear'],
    options: [],
    priceRange: [9_00, 60_00],
    weightRange: [150, 1800],
    taxClass: 'standard',
  },
  {
    name: 'Garden',
    code: 'GDN',
    nouns: ['Trowel', 'Watering Can', 'Seed Tin', 'Plant Pot', 'Gloves'],
    options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
    priceRange: [5_00, 55_00],
    weightRange: [100, 3000],
    taxClass: 'standard',
  },
  {
    name: 'Stationery',
    code: 'STN',
    nouns: ['Fountain Pen', 'Pencil Set', 'Desk Diary', 'Card Pack'],
    options: [{ name: 'Colour', values: COLOURS }],
    priceRange: [3_00, 90_00],
    weightRange: [20, 600],
    taxClass: 'standard',
  },
  {
    name: 'Baby',
    code: 'BBY',
    nouns: ['Bodysuit', 'Sleepsuit', 'Bib Set', 'Blanket'],
    options: [{ name: 'Age', values: ['0–3 m', '3–6 m', '6–12 m'] }],
    priceRange: [6_00, 40_00],
    weightRange: [80, 500],
    taxClass: 'zero',
  },
];

export const BRANDS = [
  'Harbour & Pine',
  'Northwind',
  'Old Mill',
  'Kestrel',
  'Saltmarsh',
  'Fenwick & Co',
  'Brightwater',
  'Lark',
] as const;

export const CARRIERS = [
  { carrier: 'Royal Mail', tracking: (n: string) => `RM${n.slice(0, 9)}GB` },
  { carrier: 'DPD', tracking: (n: string) => `15${n.slice(0, 12)}` },
  { carrier: 'DHL', tracking: (n: string) => `JD01460000${n.slice(0, 10)}` },
  { carrier: 'UPS', tracking: (n: string) => `1Z999AA1${n.slice(0, 10)}` },
] as const;

/** Sold by the label scale at the deli counter (EAN-13 prefix 2). The barcode is the label's code
 * with its value zeroed; a weight label's item is priced per kilogram, a price label (prefix 21,
 * the olives) carries its own price. */
export const SCALE_ITEMS = [
  { name: 'Farmhouse Cheddar (per kg)', sku: 'DELI-00042', labelBody: '230004200000', pricePerKg: 18_00 },
  { name: 'Smoked Ham (per kg)', sku: 'DELI-00044', labelBody: '230004400000', pricePerKg: 24_00 },
  { name: 'Deli Olives (per kg)', sku: 'DELI-00043', labelBody: '210004300000', pricePerKg: 12_00 },
] as const;

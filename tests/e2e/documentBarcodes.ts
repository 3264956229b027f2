// Reads a Code 128 barcode back from the bars JsBarcode drew (an SVG's rects), the way a scanner
// would: bar and space widths in modules, each symbol looked up, subsets followed, check verified.
// So a test can say "this label's barcode scans as D1-000042", not just "an image is there".
import { createRequire } from 'node:module';
import type { Locator } from '@playwright/test';

const { BARS } = createRequire(import.meta.url)('jsbarcode/bin/barcodes/CODE128/constants.js') as {
  BARS: number[];
};
const SYMBOL = new Map(BARS.map((pattern, value) => [String(pattern), value]));

/** The bars (x and width, in px) of the barcode drawn in `svg`, left to right. */
export async function barsOf(svg: Locator): Promise<{ x: number; width: number }[]> {
  return svg.evaluate((element) =>
    [...element.querySelectorAll('g rect')]
      .map((rect) => ({ x: Number(rect.getAttribute('x')), width: Number(rect.getAttribute('width')) }))
      .sort((a, b) => a.x - b.x),
  );
}

/** The text a Code 128 scanner reads from these bars; throws when they are not a valid symbol. */
export function decodeCode128(bars: readonly { x: number; width: number }[]): string {
  if (bars.length === 0) throw new Error('No bars to read');
  const module = Math.min(...bars.map((bar) => bar.width));
  const start = bars[0]!.x;
  const end = bars.at(-1)!.x + bars.at(-1)!.width;
  const modules = Array<string>(Math.round((end - start) / module)).fill('0');
  for (const bar of bars) {
    const from = Math.round((bar.x - start) / module);
    for (let i = 0; i < Math.round(bar.width / module); i++) modules[from + i] = '1';
  }
  const bits = modules.join('');
  const values: number[] = [];
  for (let i = 0; i < bits.length - 13; i += 11) {
    const value = SYMBOL.get(bits.slice(i, i + 11));
    if (value === undefined) throw new Error(`Bars at module ${i} are not a Code 128 symbol`);
    values.push(value);
  }
  if (SYMBOL.get(bits.slice(-13)) !== 106) throw new Error('No Code 128 stop pattern at the end');
  const check = values.pop()!;
  const sum = values.reduce((total, value, i) => total + value * Math.max(i, 1), 0) % 103;
  if (sum !== check) throw new Error(`Code 128 check symbol is ${check}, the data says ${sum}`);

  let set = { 103: 'A', 104: 'B', 105: 'C' }[values[0]!];
  if (!set) throw new Error('No Code 128 start symbol');
  let text = '';
  for (const value of values.slice(1)) {
    if (set === 'C' && value < 100) text += String(value).padStart(2, '0');
    else if (value === 99) set = 'C';
    else if (value === 100) set = 'B';
    else if (value === 101) set = 'A';
    else if (set === 'B') text += String.fromCharCode(value + 32);
    else if (set === 'A') text += String.fromCharCode(value < 64 ? value + 32 : value - 64);
  }
  return text;
}

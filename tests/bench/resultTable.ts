// Prints benchmark results as a plain-text table that reads the same in a terminal and pasted
// into an issue: the app's timing, the naive baseline's timing and how many times faster it is.
import type { Stats } from './measure';

export type ResultRow = {
  name: string;
  app: Stats;
  throughput?: { unit: string; perOp: number };
  baseline?: { name: string; stats: Stats };
};

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value < 1 ? value.toFixed(3) : value < 10 ? value.toFixed(2) : value.toFixed(1);
}

const whole = (value: number) => Math.round(value).toLocaleString('en');

export function speedUp(row: ResultRow): string {
  if (!row.baseline) return '—';
  const ratio = row.baseline.stats.medianMs / row.app.medianMs;
  // Below 1 the app is slower than its baseline; keep two figures so 0.006× does not read as 0.0×.
  return `${ratio < 1 ? ratio.toPrecision(2) : ratio.toFixed(1)}×`;
}

function cells(row: ResultRow): string[] {
  const rate = row.throughput
    ? `${whole(row.app.opsPerSec * row.throughput.perOp)} ${row.throughput.unit}`
    : `${whole(row.app.opsPerSec)} ops/s`;
  return [
    row.name,
    ms(row.app.medianMs),
    ms(row.app.p95Ms),
    rate,
    String(row.app.iterations),
    row.app.heapUsedMb.toFixed(0),
    row.baseline?.name ?? '(none)',
    row.baseline ? ms(row.baseline.stats.medianMs) : '—',
    speedUp(row),
  ];
}

const HEADER = [
  'case',
  'median ms',
  'p95 ms',
  'rate',
  'runs',
  'heap MB',
  'baseline',
  'baseline median ms',
  'speed-up ×',
];
// Text columns read left-aligned, numbers right-aligned.
const LEFT = new Set([0, 6]);

export function formatTable(rows: readonly ResultRow[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    '| ' +
    r.map((cell, c) => (LEFT.has(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ') +
    ' |';
  const rule =
    '|' +
    widths.map((w, c) => (LEFT.has(c) ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|') +
    '|';
  return [line(HEADER), rule, ...table.slice(1).map(line)].join('\n');
}

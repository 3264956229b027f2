import { describe, expect, it } from 'vitest';
import { readCsv } from './csvText';

describe('readCsv', () => {
  it('drops a UTF-8 byte-order mark so the first header reads as typed', () => {
    const read = readCsv('\uFEFFHandle,Title\r\nmug,Mug\r\n');
    expect(read).toEqual({
      ok: true,
      table: { headers: ['Handle', 'Title'], rows: [{ row: 2, cells: ['mug', 'Mug'] }] },
    });
  });

  it('keeps commas, quotes and line breaks inside quoted fields, and numbers rows as a spreadsheet does', () => {
    const text =
      'Handle,Body (HTML),Title\r\nmug,"<p>Big, blue</p>\r\n<p>Says ""hi""</p>",Mug\r\ncup,,Cup\r\n';
    const read = readCsv(text);
    if (!read.ok) throw new Error(read.message);
    expect(read.table.rows).toEqual([
      { row: 2, cells: ['mug', '<p>Big, blue</p>\r\n<p>Says "hi"</p>', 'Mug'] },
      { row: 3, cells: ['cup', '', 'Cup'] },
    ]);
  });

  it('skips blank lines but keeps the numbers of the rows after them', () => {
    const read = readCsv('A,B\n1,2\n\n,\n3,4\n');
    if (!read.ok) throw new Error(read.message);
    expect(read.table.rows.map((r) => r.row)).toEqual([2, 5]);
  });

  it('reads LF and CRLF files alike', () => {
    const lf = readCsv('A,B\n1,2\n');
    const crlf = readCsv('A,B\r\n1,2\r\n');
    expect(lf).toEqual(crlf);
  });

  it('refuses an empty file and a file whose quote never closes, with a sentence', () => {
    expect(readCsv('\uFEFF \r\n')).toEqual({ ok: false, message: expect.stringMatching(/empty/) });
    const unclosed = readCsv('A,B\n1,"open\n2,3\n');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.message).toMatch(/never closed/);
  });

  it('reports progress up to 1', () => {
    const seen: number[] = [];
    readCsv('A\n' + '1\n'.repeat(10), (f) => seen.push(f));
    expect(seen.at(-1)).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { uuidv5 } from './uuidv5';

const NAMESPACE_DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('uuidv5', () => {
  it('gives the RFC ids for known names (as Python’s uuid.uuid5 does)', () => {
    expect(uuidv5('python.org', NAMESPACE_DNS)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidv5('www.example.com', NAMESPACE_DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('hashes names longer than one SHA-1 block and non-ASCII names', () => {
    const long = 'store.'.padEnd(200, 'x');
    expect(uuidv5(long, NAMESPACE_DNS)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(uuidv5('store.café', NAMESPACE_DNS)).not.toBe(uuidv5('store.cafe', NAMESPACE_DNS));
  });
});

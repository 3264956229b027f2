import { describe, expect, it } from 'vitest';
import { DEFAULT_BROWSER_ORIGINS, originChecker, parseAllowedOrigins } from './origins';

describe('allowed origins', () => {
  const allowed = originChecker(DEFAULT_BROWSER_ORIGINS);

  it('lets the desktop app in (file:// pages send Origin: null; the app scheme is orderline://app)', () => {
    expect(allowed('null')).toBe(true);
    expect(allowed('orderline://app')).toBe(true);
  });

  it('lets the browser build on this machine in, on any port, and nobody else by default', () => {
    expect(allowed('http://127.0.0.1:4173')).toBe(true);
    expect(allowed('http://localhost:5173')).toBe(true);
    expect(allowed('http://[::1]:8080')).toBe(true);
    expect(allowed('http://127.0.0.1:4173.evil.example')).toBe(false);
    expect(allowed('https://evil.example')).toBe(false);
    expect(allowed('http://localhost.evil.example:80')).toBe(false);
  });

  it('takes the origins ORDERLINE_ALLOWED_ORIGINS names instead of the loopback defaults', () => {
    const origins = parseAllowedOrigins(' https://pos.example.com , http://10.0.0.5:* ');
    expect(origins).toEqual(['https://pos.example.com', 'http://10.0.0.5:*']);
    const check = originChecker(origins as string[]);
    expect(check('https://pos.example.com')).toBe(true);
    expect(check('http://10.0.0.5:4173')).toBe(true);
    expect(check('http://127.0.0.1:4173')).toBe(false);
    expect(check('null')).toBe(true);
  });

  it('says which entry is not an origin', () => {
    expect(parseAllowedOrigins('https://pos.example.com/app')).toEqual({
      error: expect.stringMatching(/“https:\/\/pos.example.com\/app” is not an origin/),
    });
  });
});

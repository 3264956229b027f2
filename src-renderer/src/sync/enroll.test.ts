import { describe, expect, it } from 'vitest';
import { diagnoseUnreachable, secureServerUrl } from './enroll';

describe('the server address a desk accepts', () => {
  it('takes https anywhere and plain http only on this computer', () => {
    expect(secureServerUrl('https://orders.example.com/')).toBe('https://orders.example.com');
    expect(secureServerUrl('http://localhost:8787')).toBe('http://localhost:8787');
    expect(secureServerUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(secureServerUrl('http://[::1]:8787')).toBe('http://[::1]:8787');
  });

  it('refuses plain http across the network, with the reason and the https address to ask for', () => {
    expect(() => secureServerUrl('http://192.168.1.20:8787')).toThrow(
      /must start with https:\/\/ .* unencrypted\. Ask for the https address, e\.g\. https:\/\/192\.168\.1\.20:8787/,
    );
  });
});

describe('why the server could not be reached', () => {
  const answering = async () => new Response(null, { status: 200 });
  const failing = async () => {
    throw new TypeError('Failed to fetch');
  };

  it('names CORS when the server answers an opaque request but not the real one', async () => {
    expect(
      await diagnoseUnreachable(answering, 'https://orders.example.com', 'http://127.0.0.1:4173'),
    ).toMatch(
      /answered, but does not let this app talk to it .*allow http:\/\/127\.0\.0\.1:4173.*ORDERLINE_ALLOWED_ORIGINS/,
    );
  });

  it('names the certificate as a cause for an https server that does not answer at all', async () => {
    expect(await diagnoseUnreachable(failing, 'https://orders.example.com')).toMatch(
      /could not be reached: it is not running, the address or port is wrong, or its certificate is not trusted/,
    );
  });

  it('says the server is down or the port wrong for plain http on this computer', async () => {
    expect(await diagnoseUnreachable(failing, 'http://127.0.0.1:9')).toMatch(
      /not running, or the address or port is wrong/,
    );
  });
});

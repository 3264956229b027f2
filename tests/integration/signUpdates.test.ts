// The release signing script: what it signs, that a desk's check accepts its signatures, and that
// a package changed after signing, or signed with the wrong key, is refused.
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isReleaseArtefact,
  loadSigningKey,
  newKeyPair,
  publicKeyLine,
  signArtefacts,
} from '../../scripts/signUpdates';
import { parsePublicKey, verifyUpdateFile } from '../../src-main/updateSignature';

let dist: string;

beforeEach(async () => {
  dist = await mkdtemp(join(tmpdir(), 'orderline-sign-'));
  await writeFile(join(dist, 'Orderline-Setup-1.5.0.exe'), 'windows installer');
  await writeFile(join(dist, 'Orderline-1.5.0-arm64.zip'), 'mac update');
  await writeFile(join(dist, 'Orderline-1.5.0-x86_64.AppImage'), 'appimage');
  await writeFile(join(dist, 'orderline_1.5.0_amd64.deb'), 'deb');
  await writeFile(join(dist, 'latest.yml'), 'version: 1.5.0\n');
  await writeFile(join(dist, 'latest-linux.yml'), 'version: 1.5.0\n');
  await writeFile(join(dist, 'Orderline-Setup-1.5.0.exe.blockmap'), 'blockmap');
  await writeFile(join(dist, 'builder-debug.yml'), 'not shipped');
});
afterEach(async () => {
  await rm(dist, { recursive: true, force: true });
});

describe('signUpdates', () => {
  it('signs installers, update packages and channel files, and nothing else', async () => {
    const { privateKeyPem } = newKeyPair();
    const signed = await signArtefacts(dist, createPrivateKey(privateKeyPem));
    expect(signed).toEqual([
      'Orderline-1.5.0-arm64.zip',
      'Orderline-1.5.0-x86_64.AppImage',
      'Orderline-Setup-1.5.0.exe',
      'latest-linux.yml',
      'latest.yml',
      'orderline_1.5.0_amd64.deb',
    ]);
    const sigs = (await readdir(dist)).filter((name) => name.endsWith('.sig')).sort();
    expect(sigs).toEqual(signed.map((name) => `${name}.sig`).sort());
    expect(isReleaseArtefact('Orderline-Setup-1.5.0.exe.blockmap')).toBe(false);
    expect(isReleaseArtefact('builder-debug.yml')).toBe(false);
  });

  it('makes signatures a desk accepts, and a desk refuses the package once a byte changes', async () => {
    const pair = newKeyPair();
    await signArtefacts(dist, createPrivateKey(pair.privateKeyPem));
    const fileName = 'Orderline-Setup-1.5.0.exe';
    const path = join(dist, fileName);
    const signatureText = await readFile(`${path}.sig`, 'utf8');
    const publicKey = parsePublicKey(pair.publicKey);
    expect(await verifyUpdateFile({ path, fileName, signatureText, publicKey })).toEqual({ ok: true });

    await writeFile(path, 'windows installer with a payload');
    expect(await verifyUpdateFile({ path, fileName, signatureText, publicKey })).toEqual({
      ok: false,
      reason: `${fileName} is not signed by Orderline's release key`,
    });
  });

  it('fails when the signing key is not the one the apps were built with', async () => {
    const signing = newKeyPair();
    const builtIn = newKeyPair();
    await expect(
      signArtefacts(dist, createPrivateKey(signing.privateKeyPem), builtIn.publicKey),
    ).rejects.toThrow('the signing key does not match ORDERLINE_UPDATE_PUBLIC_KEY');
  });

  it('fails on an empty folder instead of publishing nothing signed', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'orderline-sign-empty-'));
    try {
      await expect(signArtefacts(empty, createPrivateKey(newKeyPair().privateKeyPem))).rejects.toThrow(
        'holds no installers',
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('reads the key from the environment or a file, and refuses none or a non-Ed25519 key', () => {
    const pair = newKeyPair();
    const fromEnv = loadSigningKey({ ORDERLINE_UPDATE_SIGNING_KEY: pair.privateKeyPem }, () => '');
    expect(publicKeyLine(fromEnv)).toBe(pair.publicKey);
    const fromFile = loadSigningKey({ ORDERLINE_UPDATE_SIGNING_KEY_FILE: '/keys/k.pem' }, (path) =>
      path === '/keys/k.pem' ? pair.privateKeyPem : '',
    );
    expect(publicKeyLine(fromFile)).toBe(pair.publicKey);
    expect(() => loadSigningKey({}, () => '')).toThrow('No signing key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    });
    expect(() => loadSigningKey({ ORDERLINE_UPDATE_SIGNING_KEY: rsa.toString() }, () => '')).toThrow(
      'not Ed25519',
    );
  });
});

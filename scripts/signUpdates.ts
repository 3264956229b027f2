// Signs Orderline's release artefacts with the project's own Ed25519 release key, writing
// `<artefact>.sig` beside each: installers and update packages, and the latest*.yml channel files.
// The desks check these before installing (src-main/updateSignature.ts, src-main/updates.ts).
//
//   npx tsx scripts/signUpdates.ts [dist]        sign with ORDERLINE_UPDATE_SIGNING_KEY (PEM text)
//                                                or ORDERLINE_UPDATE_SIGNING_KEY_FILE (a PEM file)
//   npx tsx scripts/signUpdates.ts --new-key DIR make a key pair: the private key goes to
//                                                DIR/orderline-update-key.pem (owner-only), the
//                                                public key is printed for ORDERLINE_UPDATE_PUBLIC_KEY
//
// The private key is never committed: README "Update signing key" says where it is kept.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parsePublicKey, sha512OfFile, signedMessage, verifyUpdateFile } from '../src-main/updateSignature';

/** What a desk may download: installers, update packages, and the feed's channel files. */
export function isReleaseArtefact(name: string): boolean {
  return /\.(exe|dmg|zip|AppImage|deb|rpm)$/.test(name) || /^latest(-[a-z0-9]+)?\.yml$/.test(name);
}

/** The public key in its one-line form: base64 DER SubjectPublicKeyInfo. */
export function publicKeyLine(key: KeyObject): string {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  return publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}

export function newKeyPair(): { privateKeyPem: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey: publicKeyLine(publicKey),
  };
}

export function loadSigningKey(env: Record<string, string | undefined>, readText: (path: string) => string) {
  const pem = env['ORDERLINE_UPDATE_SIGNING_KEY']?.trim()
    ? env['ORDERLINE_UPDATE_SIGNING_KEY']
    : env['ORDERLINE_UPDATE_SIGNING_KEY_FILE']
      ? readText(env['ORDERLINE_UPDATE_SIGNING_KEY_FILE'])
      : null;
  if (!pem) {
    throw new Error(
      'No signing key: set ORDERLINE_UPDATE_SIGNING_KEY (the PEM text) or ORDERLINE_UPDATE_SIGNING_KEY_FILE (its path)',
    );
  }
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The signing key is ${key.asymmetricKeyType ?? 'of no known type'}, not Ed25519`);
  }
  return key;
}

/**
 * Signs every release artefact in `dir` and checks each signature with `expectedPublicKey` (the key
 * the apps were built with), so a release signed with the wrong key fails here, not on the desks.
 */
export async function signArtefacts(
  dir: string,
  privateKey: KeyObject,
  expectedPublicKey: string = publicKeyLine(privateKey),
): Promise<string[]> {
  const publicKey = parsePublicKey(expectedPublicKey);
  const names = (await readdir(dir)).filter(isReleaseArtefact).sort();
  if (names.length === 0) throw new Error(`${dir} holds no installers, packages or latest*.yml to sign`);
  for (const name of names) {
    const path = join(dir, name);
    const signature = sign(null, signedMessage(name, await sha512OfFile(path)), privateKey).toString(
      'base64',
    );
    const check = await verifyUpdateFile({ path, fileName: name, signatureText: signature, publicKey });
    if (!check.ok) {
      throw new Error(
        `${name}: the signing key does not match ORDERLINE_UPDATE_PUBLIC_KEY, the key the apps check with`,
      );
    }
    await writeFile(`${path}.sig`, `${signature}\n`);
  }
  return names;
}

async function main(args: string[]): Promise<void> {
  if (args[0] === '--new-key') {
    const dir = resolve(args[1] ?? '.');
    const file = join(dir, 'orderline-update-key.pem');
    if (existsSync(file)) throw new Error(`${file} exists already; it is not overwritten`);
    const pair = newKeyPair();
    await writeFile(file, pair.privateKeyPem, { mode: 0o600 });
    console.log(`Private key written to ${file}: keep it offline, never commit it.`);
    console.log(`ORDERLINE_UPDATE_PUBLIC_KEY=${pair.publicKey}`);
    return;
  }
  const dir = resolve(args[0] ?? 'dist');
  const key = loadSigningKey(process.env, (path) => readFileSync(path, 'utf8'));
  const expected = process.env['ORDERLINE_UPDATE_PUBLIC_KEY']?.trim() || publicKeyLine(key);
  const signed = await signArtefacts(dir, key, expected);
  for (const name of signed) console.log(`signed ${name} → ${name}.sig`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}

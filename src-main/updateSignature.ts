// Orderline's own signature on update packages, checked before anything is installed on every OS
// (Windows code signing and Apple notarisation come on top where they exist). The release key is
// Ed25519; scripts/signUpdates.ts signs each package and publishes `<package>.sig` next to it in the
// feed. The signed message names the file and its SHA-512, so a signature cannot be moved to
// another package (an older version, another platform's installer).
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';

const MESSAGE_VERSION = 'orderline-update-v1';

/** What the release key signs for one package. */
export function signedMessage(fileName: string, sha512Hex: string): Buffer {
  return Buffer.from(`${MESSAGE_VERSION}\n${fileName}\n${sha512Hex}\n`, 'utf8');
}

export async function sha512OfFile(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The public key from its one-line form: base64 of the DER SubjectPublicKeyInfo (what
 * `signUpdates.ts --new-key` prints). Throws a sentence when it is not an Ed25519 key.
 */
export function parsePublicKey(base64Spki: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(base64Spki.trim(), 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new Error('The update public key is not a base64 DER public key');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The update public key is ${key.asymmetricKeyType ?? 'of no known type'}, not Ed25519`);
  }
  return key;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Whether `signatureText` (base64, as in a .sig file) signs `fileName` with this SHA-512. */
export function verifyDigest(options: {
  fileName: string;
  sha512Hex: string;
  signatureText: string;
  publicKey: KeyObject;
}): SignatureCheck {
  const signature = Buffer.from(options.signatureText.trim(), 'base64');
  if (signature.length !== 64) {
    return { ok: false, reason: `the signature of ${options.fileName} is not an Ed25519 signature` };
  }
  const message = signedMessage(options.fileName, options.sha512Hex);
  return verify(null, message, options.publicKey, signature)
    ? { ok: true }
    : { ok: false, reason: `${options.fileName} is not signed by Orderline's release key` };
}

/** Whether `signatureText` is the release key's signature of the downloaded file. */
export async function verifyUpdateFile(options: {
  path: string;
  fileName: string;
  signatureText: string;
  publicKey: KeyObject;
}): Promise<SignatureCheck> {
  let sha512Hex: string;
  try {
    sha512Hex = await sha512OfFile(options.path);
  } catch (error) {
    return { ok: false, reason: `${options.fileName} could not be read (${(error as Error).message})` };
  }
  return verifyDigest({ ...options, sha512Hex });
}

/** Where a package's signature is published: `<package>.sig` beside it in the feed. */
export function signatureUrl(feedUrl: string, fileName: string): string {
  const base = feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`;
  return new URL(`${encodeURIComponent(fileName)}.sig`, base).href;
}

/** The feed electron-builder baked into resources/app-update.yml (`url: …`), or null. */
export function feedUrlFromAppUpdateYml(text: string): string | null {
  const match = /^url:\s*['"]?([^'"\s#]+)['"]?\s*$/m.exec(text);
  return match?.[1] ?? null;
}

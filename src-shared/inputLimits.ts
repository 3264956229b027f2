// Limits every synced or stored value must keep before any schema reads it: text without NUL or
// lone surrogates (PostgreSQL refuses the one, IndexedDB and JSON mangle the other), bounded nesting
// and bounded size, so a hostile or damaged value is a sentence instead of a stuck queue.

/** Deeper than any record Orderline makes (an order's machine state is about 5 levels). */
export const MAX_DEPTH = 16;
/** One change's payload: a 500-line order is about 150 KB as JSON. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
/** Longer than any text field holds (an e-mail's text is at most 50,000 characters): each schema
 * says its own limit; this one only stops a value far past all of them before it is read. */
export const MAX_TEXT_LENGTH = 100_000;
/** More keys in one object than any record has, so a 100,000-key object is refused early. */
const MAX_KEYS = 1_000;
/** Items in one array (an order holds at most 500 lines). */
const MAX_ITEMS = 5_000;

export interface LimitOptions {
  maxDepth?: number;
  maxTextLength?: number;
}

// Any NUL or surrogate at all: most text has none, and a native regex test is the fast way to know.
// eslint-disable-next-line no-control-regex -- finding the NUL is the point
const SUSPECT = /[\u0000\ud800-\udfff]/;

/** Why a string cannot be stored, or null: NUL characters and lone UTF-16 surrogates. */
export function textProblem(text: string): string | null {
  if (!SUSPECT.test(text)) return null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return 'holds a NUL character (\\u0000), which cannot be stored; retype it';
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
      return 'holds a broken character (a lone UTF-16 surrogate), which cannot be stored; retype it';
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      return 'holds a broken character (a lone UTF-16 surrogate), which cannot be stored; retype it';
    }
  }
  return null;
}

const where = (path: readonly (string | number)[]) =>
  path.length ? path.map((p) => (typeof p === 'number' ? `#${p + 1}` : p)).join(' › ') : 'The value';

/**
 * Every problem with a plain (JSON) value's text, nesting and size, one sentence each, naming
 * where it is; at most a few, and it stops going deeper at the limit, so a 100,000-deep array
 * costs no more than a 17-deep one. Empty when the value may go on to its schema.
 */
export function plainValueProblems(value: unknown, options: LimitOptions = {}): string[] {
  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  const maxText = options.maxTextLength ?? MAX_TEXT_LENGTH;
  const problems: string[] = [];
  // One path, pushed and popped as the walk goes (no copy per field): read only for a problem.
  const path: (string | number)[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (problems.length >= 5) return;
    if (typeof node === 'string') {
      if (node.length > maxText) {
        problems.push(
          `${where(path)} is ${node.length} characters long; the most any field holds is ${maxText}`,
        );
        return;
      }
      const problem = textProblem(node);
      if (problem) problems.push(`${where(path)} ${problem}`);
      return;
    }
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) problems.push(`${where(path)} is not a finite number`);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (depth >= maxDepth) {
      problems.push(`${where(path)} is nested more than ${maxDepth} levels deep; no record is`);
      return;
    }
    if (Array.isArray(node)) {
      if (node.length > MAX_ITEMS) {
        problems.push(`${where(path)} holds ${node.length} items; no list holds more than ${MAX_ITEMS}`);
        return;
      }
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        visit(node[i], depth + 1);
        path.pop();
      }
      return;
    }
    const keys = Object.keys(node);
    if (keys.length > MAX_KEYS) {
      problems.push(`${where(path)} has ${keys.length} fields; no record has more than ${MAX_KEYS}`);
      return;
    }
    for (const key of keys) {
      const problem = key.length > 200 ? 'is longer than 200 characters' : textProblem(key);
      if (problem) {
        problems.push(`A field name in ${where(path).toLowerCase()} ${problem}`);
        continue;
      }
      path.push(key);
      visit((node as Record<string, unknown>)[key], depth + 1);
      path.pop();
    }
  };
  visit(value, 0);
  return problems;
}

/** The value's size as JSON in bytes (UTF-8), or Infinity when it cannot be written as JSON. */
export function jsonBytes(value: unknown): number {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? 0 : new TextEncoder().encode(text).length;
  } catch {
    return Infinity;
  }
}

/**
 * Whether the value's JSON is surely at most `maxBytes` in UTF-8, from a walk that adds up the most
 * each part could take (a character escaped as \uXXXX is 6 bytes, a number at most 25), without
 * writing the JSON. False means "not sure" (over the bound, or a value that writes itself with
 * toJSON), and the caller measures it exactly. Values must be checked by plainValueProblems first.
 */
export function jsonBytesSurelyAtMost(value: unknown, maxBytes: number): boolean {
  let bound = 0;
  const visit = (node: unknown): boolean => {
    if (typeof node === 'string') bound += 2 + 6 * node.length;
    else if (typeof node === 'number') bound += 25;
    else if (node === null || typeof node !== 'object') {
      if (typeof node === 'bigint') return false;
      bound += 5;
    } else if (typeof (node as { toJSON?: unknown }).toJSON === 'function') return false;
    else if (Array.isArray(node)) {
      bound += 2 + node.length;
      for (const item of node) if (!visit(item)) return false;
    } else {
      const keys = Object.keys(node);
      bound += 2;
      for (const key of keys) {
        bound += 4 + 6 * key.length;
        if (!visit((node as Record<string, unknown>)[key])) return false;
      }
    }
    return bound <= maxBytes;
  };
  return visit(value);
}

/** Every problem with one change's payload: its text and nesting, then its size. */
export function payloadProblems(payload: unknown, maxBytes = MAX_PAYLOAD_BYTES): string[] {
  const problems = plainValueProblems(payload);
  if (problems.length) return problems;
  // Almost every record is far below the limit: only a large one is written out and measured.
  if (jsonBytesSurelyAtMost(payload, maxBytes)) return [];
  const bytes = jsonBytes(payload);
  if (bytes > maxBytes) {
    return [
      `The change is ${Math.round(bytes / 1024)} KB; one change may be at most ${Math.round(maxBytes / 1024)} KB`,
    ];
  }
  return [];
}

/**
 * Fields of `input` that a schema's output left out: zod drops keys it does not know, so a key
 * present in what was sent and absent from what was parsed is unknown. Records (free-form maps)
 * keep every key, so only a schema's fixed shapes count. Paths read like "machine › note".
 */
export function unknownFields(input: unknown, output: unknown, path: string[] = []): string[] {
  if (input === null || typeof input !== 'object' || output === null || typeof output !== 'object') return [];
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return [];
    return input.flatMap((item, i) => unknownFields(item, output[i], [...path, `#${i + 1}`]));
  }
  const out = output as Record<string, unknown>;
  return Object.keys(input).flatMap((key) => {
    const value = (input as Record<string, unknown>)[key];
    if (!(key in out)) return value === undefined ? [] : [[...path, key].join(' › ')];
    return unknownFields(value, out[key], [...path, key]);
  });
}

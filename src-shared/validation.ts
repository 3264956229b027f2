// Parses unknown input against a schema and turns failures into sentences a person can act on.
import type { z } from 'zod';
import { plainValueProblems } from './inputLimits';

export class ValidationError extends Error {
  readonly issues: string[];
  constructor(what: string, issues: string[]) {
    super(`${what} was not saved: ${issues.join('; ')}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

// How a field is named in a message, where its key is not already plain English.
const FIELD_NAMES: Record<string, string> = {
  id: 'ID',
  sku: 'SKU',
  weightGrams: 'Weight',
  postalCode: 'Postcode',
  line1: 'Address line 1',
  line2: 'Address line 2',
  region: 'State / region',
  email: 'E-mail',
  cardLast4: 'Card digits',
  termsDays: 'Payment terms',
  deskId: 'Desk',
};

// zod's own messages ("Invalid input: expected string, received number") read after a colon.
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized|Expected)\b/;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function keyLabel(key: PropertyKey): string {
  if (typeof key === 'number') return `#${key + 1}`;
  const name = String(key);
  return FIELD_NAMES[name] ?? name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown, hasInput: boolean): string {
  const missing =
    issue.code === 'invalid_type' &&
    (hasInput ? valueAt(input, issue.path) === undefined : 'input' in issue && issue.input === undefined);
  const parts = issue.path.map(keyLabel);
  if (missing) return capitalise(`${parts.join(' › ') || 'value'} is missing`);
  // A money amount reads as the money field itself: "Unit price cannot be negative".
  if (parts.length > 1 && issue.path.at(-1) === 'amount') parts.pop();
  if (issue.code === 'unrecognized_keys') {
    const fields = `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    return capitalise(parts.length ? `${parts.join(' › ')} has ${fields}` : fields);
  }
  const { message } = issue;
  const leaf = parts.at(-1);
  if (leaf === undefined) return capitalise(message);
  if (ZOD_DEFAULT.test(message)) return capitalise(`${parts.join(' › ')}: ${message}`);
  // Messages that already name their field ("Product name cannot be empty", "quantity above
  // 9,999 …") only need where the field sits, not the field's name a second time.
  const repeatsField = new RegExp(`^${leaf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(message);
  const namesItself = /^[A-Z]/.test(message);
  if (repeatsField || (namesItself && typeof issue.path.at(-1) !== 'number')) {
    return capitalise([...parts.slice(0, -1), message].join(' › '));
  }
  return capitalise(namesItself ? [...parts, message].join(' › ') : `${parts.join(' › ')} ${message}`);
}

/**
 * One readable line per problem, naming the field it is about. Pass the input that was parsed
 * so a value of the wrong kind (1.5 for a quantity) is not reported as missing.
 */
export function describeIssues(error: z.ZodError, input?: unknown): string[] {
  return error.issues.map((issue) => describeIssue(issue, input, input !== undefined));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: string[] };

/**
 * Parses with the schema after the limits every stored value keeps (no NUL or broken characters,
 * bounded nesting; see inputLimits), so the desk refuses such text before it is queued and the
 * server before it is stored, with the same sentence.
 */
export function safeParseRecord<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const limits = plainValueProblems(input);
  if (limits.length) return { ok: false, issues: limits };
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: describeIssues(result.error, input) };
}

/** Parses or throws a ValidationError whose message says what was wrong with `what`. */
export function parseRecord<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = safeParseRecord(schema, input);
  if (!result.ok) throw new ValidationError(what, result.issues);
  return result.value;
}

/** How a record is named in a refusal: «Product “Blue Mug”», or «A product without a name». */
export function recordLabel(kind: string, name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  return trimmed ? `${kind} “${trimmed}”` : `A ${kind.toLowerCase()} without a name`;
}

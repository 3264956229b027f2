// The sync protocol between a desk and the store's server: what a push, a pull and an enrollment
// carry, as schemas both sides parse with, so neither trusts the other's bytes unchecked.
import { DeskDirectorySchema } from './deskDirectory';
import { z } from 'zod';
import { payloadProblems } from './inputLimits';
import { Id, OUTBOX_KINDS } from './records';
import { describeIssues, safeParseRecord, type Parsed } from './validation';

/** Raised whenever a request or answer changes shape; an older desk is told to update. */
export const PROTOCOL_VERSION = 1;
export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;

/** Plain records a desk sends whole with record.put; each kind's conflict rule is in
 * src-shared/syncedRecords.ts (and the README). Settings sync only under `store.` keys. */
export const RECORD_TABLES = [
  'products',
  'variants',
  'customers',
  'staff',
  'settings',
  'quotes',
  'shifts',
  'auditLog',
  'parcels',
  'returns',
  'deliveries',
  'feedback',
  'referralRewards',
] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

/** The tables a desk may change through sync (desk-only settings and the outbox stay on the desk). */
export const SYNC_TABLES = [
  ...RECORD_TABLES,
  'orders',
  'orderEvents',
  'stockMovements',
  'balanceMovements',
] as const;
export type SyncTable = (typeof SYNC_TABLES)[number];

/** Tables a record.put may name: the plain records, and orders (created only, then changed by events). */
export const PUT_TABLES = [...RECORD_TABLES, 'orders'] as const;

/** Where an email.send change goes: the server's outbox of e-mails (it sends them; never pulled). */
export const EMAIL_TABLE = 'emails';
/** The tables a pushed change may name: the synced ones and the server's e-mail outbox. */
export const PUSH_TABLES = [...SYNC_TABLES, EMAIL_TABLE] as const;

const ProtocolVersion = z.int({ message: 'must be a whole number' }).min(1);

/** One outbox entry as pushed. Extra outbox fields (createdAt, state) are accepted and ignored. */
export const PushMutationSchema = z
  .object({
    id: Id,
    kind: z.enum(OUTBOX_KINDS, { message: `must be one of ${OUTBOX_KINDS.join(', ')}` }),
    table: z.enum(PUSH_TABLES, { message: `must be one of ${PUSH_TABLES.join(', ')}` }),
    recordId: Id,
    payload: z.unknown(),
    /** record.put only: the fields this edit changed. Only these are written (last writer wins
     * per field); without it every field in the payload counts as changed. */
    fields: z.array(z.string().min(1).max(80)).min(1).max(200).optional(),
    /** The mutation this one follows from (e.g. the order event behind a stock reservation):
     * if that one was rejected, this one is rejected too instead of being applied alone. */
    dependsOn: Id.optional(),
    /** record.put of a staff member: the signed-in person who made the change (the server checks
     * their role may do it). */
    changedBy: Id.optional(),
  })
  .superRefine((m, ctx) => {
    const expected =
      m.kind === 'order.event'
        ? ['orderEvents']
        : m.kind === 'stock.movement'
          ? ['stockMovements']
          : m.kind === 'balance.movement'
            ? ['balanceMovements']
            : m.kind === 'email.send'
              ? [EMAIL_TABLE]
              : PUT_TABLES;
    if (!(expected as readonly string[]).includes(m.table)) {
      ctx.addIssue({
        code: 'custom',
        path: ['table'],
        message: `must be ${expected.join(' or ')} for a ${m.kind} change`,
      });
    }
    if (m.fields !== undefined && m.kind !== 'record.put') {
      ctx.addIssue({ code: 'custom', path: ['fields'], message: 'belong only to a record.put change' });
    }
    if (m.payload === null || typeof m.payload !== 'object' || Array.isArray(m.payload)) {
      ctx.addIssue({ code: 'custom', path: ['payload'], message: 'must be the changed record (an object)' });
      return;
    }
    for (const problem of payloadProblems(m.payload)) {
      ctx.addIssue({ code: 'custom', path: ['payload'], message: problem });
    }
  });
export type PushMutation = z.infer<typeof PushMutationSchema>;

export const PushRequestSchema = z.object({
  protocolVersion: ProtocolVersion,
  deviceId: Id,
  mutations: z
    .array(PushMutationSchema)
    .min(1, { message: 'must hold at least one change' })
    .max(MAX_PUSH_MUTATIONS, {
      message: `hold at most ${MAX_PUSH_MUTATIONS} changes per push; send the rest next`,
    }),
});
/** A change the server refuses on sight (its payload holds a NUL, is nested too deep…), answered
 * alone under its id so the rest of the push still goes through. */
export type RefusedMutation = { id: string; refused: string };
export type PushEntry = PushMutation | RefusedMutation;
export type PushRequest = Omit<z.infer<typeof PushRequestSchema>, 'mutations'> & { mutations: PushEntry[] };

export const isRefused = (entry: PushEntry): entry is RefusedMutation => 'refused' in entry;

export const PUSH_STATUSES = ['applied', 'rejected', 'duplicate'] as const;
export const PushResultSchema = z.object({
  id: Id,
  status: z.enum(PUSH_STATUSES),
  /** For a rejection: a sentence to show the person who made the change. */
  reason: z.string().optional(),
});
export type PushResult = z.infer<typeof PushResultSchema>;

export const PushResponseSchema = z.object({ results: z.array(PushResultSchema) });
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const PullRequestSchema = z.object({
  protocolVersion: ProtocolVersion,
  /** The seq of the last change this desk applied; 0 to start from the beginning. */
  cursor: z.int({ message: 'must be a whole number' }).min(0),
  limit: z.int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullRequest = z.input<typeof PullRequestSchema>;

export const ChangeSchema = z.object({
  seq: z.int().min(1),
  table: z.enum(SYNC_TABLES),
  recordId: Id,
  op: z.literal('put'),
  /** The whole record as the server now holds it. */
  record: z.record(z.string(), z.unknown()),
});
export type Change = z.infer<typeof ChangeSchema>;

export const PullResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  /** Store it with the page, in the same transaction, and send it with the next pull. */
  cursor: z.int().min(0),
  hasMore: z.boolean(),
  /** Changes still waiting after this page, so a desk can show a progress bar (older servers omit it). */
  remaining: z.int().min(0).optional(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** Codes are printed in two groups of five (ABCDE-FGH23) from letters and digits that cannot
 * be mistaken for one another. */
export const ENROLL_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** What a person may type for a code: any case, with or without spaces and dashes. */
export function normaliseEnrollCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export const EnrollRequestSchema = z.object({
  code: z
    .string()
    .transform(normaliseEnrollCode)
    .refine((code) => code.length === 10 && [...code].every((c) => ENROLL_CODE_ALPHABET.includes(c)), {
      message: 'must be the ten-character code from the server (e.g. ABCDE-FGH23)',
    }),
  deviceName: z
    .string()
    .trim()
    .min(1, { message: 'Desk name cannot be empty' })
    .max(80, { message: 'Desk name is longer than 80 characters' }),
});
export type EnrollRequest = z.input<typeof EnrollRequestSchema>;

/** A desk code as order numbers carry it: D1-000042. */
export const DeskCode = z.string().regex(/^[A-Z0-9]{1,6}$/, {
  message: 'Desk code must be one to six capital letters or digits, e.g. D2',
});

export const EnrollResponseSchema = z.object({
  deviceId: Id,
  storeId: Id,
  storeName: z.string(),
  /** Send as "Authorization: Bearer <token>"; the server keeps only its hash. */
  token: z.string().min(32),
  protocolVersion: z.int(),
  /** The desk's own order-number prefix, unique in its store (D1, D2…), chosen by the server. */
  deskCode: DeskCode,
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

/** GET /v1/store: whether the store on the server already has data, and who created it. */
export const StoreStatusSchema = z.object({
  storeName: z.string(),
  /** Changes in the store's log: 0 means nothing has been uploaded yet. */
  changes: z.int().min(0),
  /** Which desk uploaded the store's first data ("create a new store from this desk"). */
  createdFrom: z.enum(['nobody', 'thisDesk', 'anotherDesk']),
  /** The store's desks (revoked ones too: their changes stay in the history), to name them by code. */
  desks: DeskDirectorySchema.optional(),
});
export type StoreStatus = z.infer<typeof StoreStatusSchema>;

/** POST /v1/store/create: the prefixes of the order numbers this desk already holds (D1 of
 * D1-000042), so the server can refuse when another desk of the store numbers its orders alike. */
export const CreateStoreRequestSchema = z.object({
  protocolVersion: ProtocolVersion,
  orderPrefixes: z.array(DeskCode).max(50).default([]),
});
export const CreateStoreResponseSchema = z.object({ ok: z.literal(true) });

/** Every 4xx/5xx body: one sentence, and for a malformed request one line per problem. */
export const ErrorResponseSchema = z.object({ error: z.string(), issues: z.array(z.string()).optional() });
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

export type VersionCheck = 'current' | 'outdated' | 'newer' | 'missing';

/** Read before the full parse, so an old desk hears "please update" rather than a list of
 * fields it does not know about. */
export function checkProtocolVersion(body: unknown): VersionCheck {
  const version =
    typeof body === 'object' && body !== null
      ? (body as { protocolVersion?: unknown }).protocolVersion
      : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version)) return 'missing';
  if (version < PROTOCOL_VERSION) return 'outdated';
  return version > PROTOCOL_VERSION ? 'newer' : 'current';
}

export const OUTDATED_CLIENT_MESSAGE =
  'This version of Orderline is too old to sync with the store’s server; please update Orderline on this desk.';

const PushEnvelopeSchema = PushRequestSchema.extend({
  mutations: z
    .array(z.object({ id: Id }).loose())
    .min(1, { message: 'must hold at least one change' })
    .max(MAX_PUSH_MUTATIONS, {
      message: `hold at most ${MAX_PUSH_MUTATIONS} changes per push; send the rest next`,
    }),
});

/**
 * The push, with each change parsed on its own: a change with a readable id whose content is
 * wrong is kept as a refusal with its reasons (answered under its id, the rest applied); a
 * request whose shape or ids cannot be read is refused whole, since no answer could name them.
 */
export function parsePushRequest(body: unknown): Parsed<PushRequest> {
  const whole = safeParseRecord(PushRequestSchema, body);
  if (whole.ok) return whole;
  const envelope = PushEnvelopeSchema.safeParse(body);
  if (!envelope.success) return whole;
  const mutations = envelope.data.mutations.map((raw, i): PushEntry => {
    const parsed = PushMutationSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const input = (body as { mutations: unknown[] }).mutations[i];
    return {
      id: raw.id,
      refused: `This change was not understood, so it was not applied: ${describeIssues(parsed.error, input).join('; ')}`,
    };
  });
  return { ok: true, value: { ...envelope.data, mutations } };
}

export function parsePullRequest(body: unknown): Parsed<z.output<typeof PullRequestSchema>> {
  return safeParseRecord(PullRequestSchema, body);
}

export function parseEnrollRequest(body: unknown): Parsed<z.output<typeof EnrollRequestSchema>> {
  return safeParseRecord(EnrollRequestSchema, body);
}

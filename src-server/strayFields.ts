// Refuses a pushed record that carries fields its kind does not have: zod would drop them quietly,
// and a desk that sends them has a bug or an intent the server should not guess at.
import { z } from 'zod';
import { unknownFields } from '../src-shared/inputLimits';

/** The refusal for fields `schema` does not know in `payload`, or null. Partial: an edit may carry some fields only. */
export function strayFields(schema: z.ZodType, payload: unknown): string | null {
  if (!(schema instanceof z.ZodObject)) return null;
  // Rebuilt from the shape: zod refuses .partial() on an object with refinements (a quote's
  // currency check, a setting's key), and those refinements belong to the full parse anyway.
  const shape = schema.shape as Record<string, z.ZodType>;
  const partial = z.object(
    Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field.optional()])),
  );
  const parsed = partial.safeParse(payload);
  if (!parsed.success) return null; // the full parse says what is wrong
  const stray = unknownFields(payload, parsed.data);
  return stray.length
    ? `The change was not saved: it has fields this kind of record does not have (${stray.join(', ')})`
    : null;
}

// What applying one pushed change came to, before it is recorded and answered.
export type MutationOutcome =
  { status: 'applied' } | { status: 'duplicate'; reason: string } | { status: 'rejected'; reason: string };

export const rejected = (reason: string): MutationOutcome => ({ status: 'rejected', reason });
export const duplicate = (reason: string): MutationOutcome => ({ status: 'duplicate', reason });
export const APPLIED: MutationOutcome = { status: 'applied' };

// What a customer says after delivery: satisfaction 1–5, how likely they are to recommend the store
// 0–10 (the NPS question) and a comment, answered on the server's feedback page or taken by phone.
import { z } from 'zod';
import { Id } from './records';
import { uuidv5 } from './uuidv5';

export const FEEDBACK_SOURCES = ['email', 'phone'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];
export const FEEDBACK_COMMENT_MAX = 2000;

const Satisfaction = z
  .int({ message: 'Satisfaction must be a whole number from 1 to 5' })
  .min(1, { message: 'Satisfaction must be from 1 to 5' })
  .max(5, { message: 'Satisfaction must be from 1 to 5' });
const Recommend = z
  .int({ message: 'Likelihood to recommend must be a whole number from 0 to 10' })
  .min(0, { message: 'Likelihood to recommend must be from 0 to 10' })
  .max(10, { message: 'Likelihood to recommend must be from 0 to 10' });

export const FeedbackSchema = z.object({
  id: Id,
  orderId: Id,
  orderNumber: z.string().trim().min(1).max(40),
  customerId: Id.optional(),
  customerName: z.string().trim().max(120).optional(),
  satisfaction: Satisfaction,
  recommend: Recommend,
  comment: z
    .string()
    .trim()
    .max(FEEDBACK_COMMENT_MAX, { message: `The comment is longer than ${FEEDBACK_COMMENT_MAX} characters` })
    .optional(),
  source: z.enum(FEEDBACK_SOURCES),
  /** Who took it down, for feedback taken by phone. */
  staffId: Id.optional(),
  staffName: z.string().trim().max(120).optional(),
  createdAt: z.iso.datetime({ message: 'must be a date and time (ISO 8601, UTC)' }),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

// Any fixed UUID: the same on the server and every desk, for ever.
const FEEDBACK_NAMESPACE = '5d2f7c1e-8a4b-4e6f-9c3d-2b1a0e9f8d71';

/** The id of the answer to an order's e-mailed request: one per order, so a second answer is a duplicate. */
export function emailedFeedbackId(orderId: string): string {
  return uuidv5(`feedback:${orderId}`, FEEDBACK_NAMESPACE);
}

export type FeedbackAnswer = Pick<Feedback, 'satisfaction' | 'recommend'> & { comment?: string };

/** Reads the answers as typed or posted (strings from a form), with a sentence for each problem. */
export function parseFeedbackAnswer(
  input: Record<string, unknown>,
): { ok: true; answer: FeedbackAnswer } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const whole = (value: unknown, label: string, min: number, max: number): number | undefined => {
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    if (text === '') {
      problems.push(`Choose ${label} (${min} to ${max})`);
      return undefined;
    }
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(
        `${label[0]!.toUpperCase()}${label.slice(1)} must be a whole number from ${min} to ${max}`,
      );
      return undefined;
    }
    return n;
  };
  const satisfaction = whole(input.satisfaction, 'how satisfied you are', 1, 5);
  const recommend = whole(input.recommend, 'how likely you are to recommend us', 0, 10);
  const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
  if (comment.length > FEEDBACK_COMMENT_MAX) {
    problems.push(`The comment is longer than ${FEEDBACK_COMMENT_MAX} characters; shorten it`);
  }
  if (problems.length || satisfaction === undefined || recommend === undefined)
    return { ok: false, problems };
  return { ok: true, answer: { satisfaction, recommend, ...(comment ? { comment } : {}) } };
}

export type NpsGroup = 'promoter' | 'passive' | 'detractor';

/** 9–10 promote, 7–8 are passive, 0–6 detract (the Net Promoter definition). */
export function npsGroup(recommend: number): NpsGroup {
  return recommend >= 9 ? 'promoter' : recommend >= 7 ? 'passive' : 'detractor';
}

export interface NpsSummary {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters − % detractors, −100 to 100, rounded to a whole number; null without answers. */
  nps: number | null;
  /** Mean satisfaction 1–5, to one decimal; null without answers. */
  satisfaction: number | null;
}

export function npsOf(answers: readonly Pick<Feedback, 'recommend' | 'satisfaction'>[]): NpsSummary {
  let promoters = 0;
  let detractors = 0;
  let satisfaction = 0;
  for (const a of answers) {
    const group = npsGroup(a.recommend);
    if (group === 'promoter') promoters += 1;
    else if (group === 'detractor') detractors += 1;
    satisfaction += a.satisfaction;
  }
  const n = answers.length;
  return {
    answers: n,
    promoters,
    passives: n - promoters - detractors,
    detractors,
    nps: n ? Math.round(((promoters - detractors) / n) * 100) : null,
    satisfaction: n ? Math.round((satisfaction / n) * 10) / 10 : null,
  };
}

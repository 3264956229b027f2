// Where customers come from: the store's own list (Settings › Customers), shared by every desk as
// the `store.sources` setting. Each source keeps its id for ever, so renaming one relabels past
// customers and reports, and an archived source stays readable on old records but is not offered.
import { z } from 'zod';
import { ACQUISITION_LABELS, ACQUISITION_SOURCES } from './orderStatus';
import { SourceId } from './records';

export const SOURCES_KEY = 'store.sources';

export const SourceSchema = z.object({
  id: SourceId,
  label: z
    .string()
    .trim()
    .min(1, { message: 'A source needs a name' })
    .max(60, { message: 'A source name is at most 60 characters' }),
  archived: z.boolean().optional(),
});
export type AcquisitionSourceEntry = z.infer<typeof SourceSchema>;

export const SourceListSchema = z
  .array(SourceSchema)
  .max(100, { message: 'A store lists at most 100 sources' })
  .refine((list) => new Set(list.map((s) => s.id)).size === list.length, {
    message: 'Two sources share one id',
  })
  .refine((list) => new Set(list.map((s) => s.label.toLowerCase())).size === list.length, {
    message: 'Two sources have the same name',
  })
  .refine((list) => list.some((s) => !s.archived), { message: 'Keep at least one source to choose from' });

/** The list a store starts with. */
export const DEFAULT_SOURCES: readonly AcquisitionSourceEntry[] = ACQUISITION_SOURCES.map((id) => ({
  id,
  label: ACQUISITION_LABELS[id],
}));

/** The store's list from its setting, or the default list when it has none (or it is unreadable). */
export function readSources(value: unknown): AcquisitionSourceEntry[] {
  const parsed = SourceListSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_SOURCES.map((s) => ({ ...s }));
}

/** The sources a seller may pick: the active ones, plus `current` when a record already holds it. */
export function offeredSources(
  list: readonly AcquisitionSourceEntry[],
  current?: string,
): AcquisitionSourceEntry[] {
  const offered = list.filter((s) => !s.archived || s.id === current);
  if (current && !list.some((s) => s.id === current))
    offered.push({ id: current, label: sourceLabel(list, current) });
  return offered;
}

/** How a source reads to a person: its label in the list, else its id in words. */
export function sourceLabel(list: readonly AcquisitionSourceEntry[], id: string | undefined): string {
  if (!id) return 'Not recorded';
  return list.find((s) => s.id === id)?.label ?? id.replace(/_/g, ' ');
}

/** A new id for a source named `label`: its words in lower case, unique in the list. */
export function sourceIdFor(label: string, list: readonly AcquisitionSourceEntry[]): string {
  const base =
    label
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 34) || 'source';
  const taken = new Set(list.map((s) => s.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** The list with a new source added; throws a sentence when the name is taken or empty. */
export function addSource(list: readonly AcquisitionSourceEntry[], label: string): AcquisitionSourceEntry[] {
  const name = label.trim();
  if (!name) throw new Error('Give the new source a name, e.g. “Local radio”');
  const same = list.find((s) => s.label.toLowerCase() === name.toLowerCase());
  if (same)
    throw new Error(
      same.archived ? `“${same.label}” is archived: restore it instead` : `“${same.label}” is already listed`,
    );
  return [...list, { id: sourceIdFor(name, list), label: name }];
}

/** The list with source `id` renamed (its id stays, so past customers follow); throws a sentence
 * when the name is empty or another source has it. */
export function renameSource(
  list: readonly AcquisitionSourceEntry[],
  id: string,
  label: string,
): AcquisitionSourceEntry[] {
  const name = label.trim();
  const before = list.find((s) => s.id === id);
  if (!before) throw new Error('That source is no longer listed');
  if (!name) throw new Error(`Give “${before.label}” a name`);
  const twin = list.find((s) => s.id !== id && s.label.toLowerCase() === name.toLowerCase());
  if (twin) throw new Error(`“${twin.label}” is already listed`);
  return list.map((s) => (s.id === id ? { ...s, label: name } : s));
}

/** The list with source `id` archived (no longer offered) or restored; the last active source
 * cannot be archived. */
export function archiveSource(
  list: readonly AcquisitionSourceEntry[],
  id: string,
  archived: boolean,
): AcquisitionSourceEntry[] {
  if (archived && !list.some((s) => s.id !== id && !s.archived))
    throw new Error('Keep at least one source to choose from');
  return list.map((s) => {
    if (s.id !== id) return s;
    const { archived: _old, ...rest } = s;
    return archived ? { ...rest, archived: true } : rest;
  });
}

/** A campaign code as the store keeps it (upper case, no spaces), or undefined when blank. */
export function normaliseCampaignCode(text: string): string | undefined {
  const code = text.trim().toUpperCase().replace(/\s+/g, '-');
  return code || undefined;
}

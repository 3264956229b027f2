// The store's list of where customers come from, read with its default and saved as a store
// setting (one transaction with its outbox entry), so every desk offers the same list.
import {
  SOURCES_KEY,
  SourceListSchema,
  readSources,
  type AcquisitionSourceEntry,
} from '$shared/acquisitionSources';
import { parseRecord } from '$shared/validation';
import type { OrderlineDb } from './database';
import { saveStoreSetting } from './syncedWrites';

export async function loadSources(db: OrderlineDb): Promise<AcquisitionSourceEntry[]> {
  return readSources((await db.settings.get(SOURCES_KEY))?.value);
}

export async function saveSources(db: OrderlineDb, input: unknown): Promise<AcquisitionSourceEntry[]> {
  const list = parseRecord(SourceListSchema, input, 'The list of sources');
  await saveStoreSetting(db, SOURCES_KEY, list);
  return list;
}

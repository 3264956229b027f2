// Pulling what other desks did: pages after this desk's cursor until the server has no more,
// each page applied with its cursor in one transaction, so a crash never skips or repeats a page;
// the page after is fetched while one is stored.
import type { PullSummary } from '$machines/syncMachine';
import { PROTOCOL_VERSION, PullResponseSchema, DEFAULT_PULL_LIMIT } from '$shared/syncProtocol';
import type { OrderlineDb } from '$db/database';
import { applyPulledPage, type SkippedChange } from './applyPulledPage';
import { postJson, SyncError, type FetchLike } from './syncHttp';
import { readCursor, type SyncSettings } from './syncSettings';

export interface PullOptions {
  fetch: FetchLike;
  limit?: number;
  /** Told about every record the desk could not store, so the status can show it. */
  onSkipped?: (skipped: SkippedChange[]) => void;
  /** After each page: changes stored so far and the total this pull will bring (when the server says). */
  onProgress?: (progress: PullProgress) => void;
}

export type PullProgress = { done: number; total?: number };

export async function pullChanges(
  db: OrderlineDb,
  settings: SyncSettings,
  options: PullOptions,
): Promise<PullSummary> {
  let cursor = await readCursor(db);
  let changes = 0;
  const fetchPage = (after: number) =>
    postJson(
      options.fetch,
      `${settings.serverUrl}/v1/pull`,
      { protocolVersion: PROTOCOL_VERSION, cursor: after, limit: options.limit ?? DEFAULT_PULL_LIMIT },
      PullResponseSchema,
      settings.device.token,
    );
  let next = fetchPage(cursor);
  for (;;) {
    const page = await next;
    if (page.cursor < cursor || (page.hasMore && page.cursor === cursor)) {
      throw new SyncError(
        `The server answered a pull after change ${cursor} with change ${page.cursor}; was the server's database restored from a backup?`,
        false,
      );
    }
    // The next page travels while this one is stored: a long download waits on the server or on
    // the disk, not on both in turn. If storing fails, the page fetched ahead is dropped.
    if (page.hasMore) {
      next = fetchPage(page.cursor);
      next.catch(() => undefined);
    }
    // A long download shows its bar while the first page is stored, not only after it.
    if (changes === 0 && page.hasMore && page.remaining !== undefined) {
      options.onProgress?.({ done: changes, total: changes + page.changes.length + page.remaining });
    }
    const applied = await applyPulledPage(db, page);
    if (applied.skipped.length) options.onSkipped?.(applied.skipped);
    changes += page.changes.length;
    cursor = page.cursor;
    options.onProgress?.({
      done: changes,
      total: page.remaining === undefined ? undefined : changes + page.remaining,
    });
    if (!page.hasMore) return { changes, cursor };
  }
}

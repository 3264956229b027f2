// The store's desks as a screen names them (D2 (Till 2), never a device id), live from the desk
// directory sync keeps (sync/deskDirectory.ts). A screen makes one, reads name()/at(), stops it.
import { atDesk, deskName, type DeskEntry } from '$shared/deskDirectory';
import type { OrderlineDb } from '$db/database';
import { readDeskDirectory } from '../sync/deskDirectory';
import { LiveQueryState } from './liveQueryState.svelte';

export class DeskNames {
  readonly #desks = new LiveQueryState<DeskEntry[]>();

  constructor(db: OrderlineDb) {
    this.#desks.run(() => readDeskDirectory(db));
  }

  /** "D2 (Till 2)", or "another desk" for one not heard of yet. */
  name(id: string): string {
    return deskName(id, this.#desks.value ?? []) ?? 'another desk';
  }

  /** "at desk D2 (Till 2)", or "at another desk". */
  at(id: string): string {
    return atDesk(id, this.#desks.value ?? []);
  }

  stop(): void {
    this.#desks.stop();
  }
}

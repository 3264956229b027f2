// LiveQueryState in Svelte's client runtime: the Dexie subscription lives exactly as long as
// something reads the state. When the last reader (an effect, as a screen's template is) is torn
// down, the query stops following the table with no stop() call; a new reader starts it again.
import Dexie from 'dexie';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { LiveQueryState } from './liveQueryState.svelte';

class NotesDb extends Dexie {
  notes!: Dexie.Table<{ id: number; text: string }, number>;
  constructor() {
    super(`notes-${Math.random()}`);
    this.version(1).stores({ notes: 'id' });
  }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

/** A screen reading the state in its template: an effect that records each value it draws. */
function openScreen(state: LiveQueryState<number>, drawn: (number | undefined)[]): () => void {
  const close = $effect.root(() => {
    $effect(() => {
      drawn.push(state.value);
    });
  });
  flushSync();
  return close;
}

describe('LiveQueryState readers', () => {
  it('stops its subscription when the last reader goes away, with no stop()', async () => {
    const db = new NotesDb();
    let runs = 0;
    const watched = new LiveQueryState<number>();
    watched.run(() => {
      runs++;
      return db.notes.count();
    });
    const drawn: (number | undefined)[] = [];
    const closeScreen = openScreen(watched, drawn);
    await until(() => drawn.includes(0));
    await db.notes.add({ id: 1, text: 'while open' });
    await until(() => drawn.includes(1));
    expect(drawn).toEqual([undefined, 0, 1]);

    closeScreen();
    const runsWhenClosed = runs;
    // A second query on the same table, still subscribed, shows when a change has been delivered:
    // Dexie tells every subscriber of the table at once, so the closed one would have run by then.
    const control = new LiveQueryState<number>();
    control.run(() => db.notes.count());
    await until(() => control.value === 1);
    await db.notes.add({ id: 2, text: 'after close' });
    await until(() => control.value === 2);
    expect(control.value).toBe(2);
    expect(runs).toBe(runsWhenClosed);
    control.stop();

    // A new reader starts the same query again and sees the row added while nobody read it.
    const reopened = openScreen(watched, drawn);
    await until(() => drawn.at(-1) === 2);
    expect(drawn.at(-1)).toBe(2);
    expect(runs).toBe(runsWhenClosed + 1);
    reopened();
    watched.stop();
    db.close();
  });

  it('keeps following while a second reader still reads it', async () => {
    const db = new NotesDb();
    const watched = new LiveQueryState<number>();
    watched.run(() => db.notes.count());
    const first: (number | undefined)[] = [];
    const second: (number | undefined)[] = [];
    const closeFirst = openScreen(watched, first);
    const closeSecond = openScreen(watched, second);
    await until(() => second.includes(0));
    closeFirst();
    await db.notes.add({ id: 1, text: 'one reader left' });
    await until(() => second.includes(1));
    expect(second.at(-1)).toBe(1);
    expect(first).not.toContain(1);
    closeSecond();
    watched.stop();
    db.close();
  });
});

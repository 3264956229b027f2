// Settings › Where customers come from, without the DOM: a source added, renamed, archived and
// restored is saved as the store's list (with its outbox entry); refusals save nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SOURCES_KEY } from '$shared/acquisitionSources';
import { decide, type Role } from '$shared/permissions';
import { OrderlineDb } from '$db/database';
import { loadSources } from '$db/acquisitionSources';
import { SourcesEditor } from './sourcesEditor.svelte';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const as = (role: Role) => ({ decide: (action: 'manage_settings') => decide(role, action) });

describe('the sources editor', () => {
  it('adds a source that every desk of the store gets, and refuses a name already listed', async () => {
    const editor = new SourcesEditor(db, as('manager'));
    await editor.load();
    editor.typed = 'Local radio';
    expect(await editor.add()).toBe(true);
    expect(editor.notice).toEqual({ ok: true, text: '“Local radio” added: sellers can choose it now' });
    expect((await loadSources(db)).at(-1)).toEqual({ id: 'local_radio', label: 'Local radio' });
    const outbox = await db.outbox.toArray();
    expect(outbox.some((entry) => JSON.stringify(entry).includes(SOURCES_KEY))).toBe(true);

    editor.typed = 'LOCAL RADIO';
    expect(await editor.add()).toBe(false);
    expect(editor.problems['typed']).toBe('“Local radio” is already listed');
  });

  it('renames a source under the same id, and archives and restores it', async () => {
    const editor = new SourcesEditor(db, as('owner'));
    await editor.load();
    expect(await editor.rename('print_advert', 'Newspaper advert')).toBe(true);
    expect(await editor.rename('social_media', 'newspaper ADVERT')).toBe(false);
    expect(editor.problems['social_media']).toBe('“Newspaper advert” is already listed');
    expect(await editor.setArchived('print_advert', true)).toBe(true);
    let stored = await loadSources(db);
    expect(stored.find((s) => s.id === 'print_advert')).toEqual({
      id: 'print_advert',
      label: 'Newspaper advert',
      archived: true,
    });
    expect(await editor.setArchived('print_advert', false)).toBe(true);
    stored = await loadSources(db);
    expect(stored.find((s) => s.id === 'print_advert')).toEqual({
      id: 'print_advert',
      label: 'Newspaper advert',
    });
  });

  it('keeps at least one source to choose from', async () => {
    await db.settings.put({ key: SOURCES_KEY, value: [{ id: 'radio', label: 'Radio' }] });
    const editor = new SourcesEditor(db, as('owner'));
    await editor.load();
    expect(await editor.setArchived('radio', true)).toBe(false);
    expect(editor.problems['radio']).toBe('Keep at least one source to choose from');
  });

  it('refuses a seller and saves nothing', async () => {
    const editor = new SourcesEditor(db, as('seller'));
    await editor.load();
    editor.typed = 'Radio';
    expect(await editor.add()).toBe(false);
    expect(await db.settings.get(SOURCES_KEY)).toBeUndefined();
  });
});

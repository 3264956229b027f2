import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SOURCES,
  SourceListSchema,
  addSource,
  archiveSource,
  renameSource,
  normaliseCampaignCode,
  offeredSources,
  readSources,
  sourceIdFor,
  sourceLabel,
} from './acquisitionSources';
import { CampaignCode } from './records';

describe('acquisition sources', () => {
  it('a store without a list of its own gets the default list', () => {
    expect(readSources(undefined).map((s) => s.id)).toEqual(DEFAULT_SOURCES.map((s) => s.id));
    expect(readSources([{ id: 'BAD ID', label: 'x' }])).toHaveLength(DEFAULT_SOURCES.length);
  });

  it('adds a source under a new id, refusing a name already listed or blank', () => {
    const list = addSource(DEFAULT_SOURCES, 'Local radio');
    expect(list.at(-1)).toEqual({ id: 'local_radio', label: 'Local radio' });
    expect(() => addSource(list, 'local RADIO')).toThrow('“Local radio” is already listed');
    expect(() => addSource(list, '  ')).toThrow('Give the new source a name');
    const archived = list.map((s) => (s.id === 'local_radio' ? { ...s, archived: true } : s));
    expect(() => addSource(archived, 'Local radio')).toThrow('archived: restore it instead');
  });

  it('gives each new source an id no other source has', () => {
    const list = [{ id: 'radio', label: 'Radio' }];
    expect(sourceIdFor('Radio!', list)).toBe('radio_2');
    expect(sourceIdFor('Café & Bar', [])).toBe('cafe_bar');
    expect(sourceIdFor('!!!', [])).toBe('source');
  });

  it('offers active sources, and an archived one only to the record that holds it', () => {
    const list = [
      { id: 'radio', label: 'Radio' },
      { id: 'fax', label: 'Fax', archived: true },
    ];
    expect(offeredSources(list).map((s) => s.id)).toEqual(['radio']);
    expect(offeredSources(list, 'fax').map((s) => s.id)).toEqual(['radio', 'fax']);
    expect(offeredSources(list, 'trade_show').at(-1)).toEqual({ id: 'trade_show', label: 'trade show' });
  });

  it('labels a renamed source by its new name and an unknown id in words', () => {
    const list = [{ id: 'print_advert', label: 'Newspaper advert' }];
    expect(sourceLabel(list, 'print_advert')).toBe('Newspaper advert');
    expect(sourceLabel(list, 'trade_show')).toBe('trade show');
    expect(sourceLabel(list, undefined)).toBe('Not recorded');
  });

  it('refuses a list with twin names, or nothing left to choose', () => {
    expect(
      SourceListSchema.safeParse([
        { id: 'a', label: 'A' },
        { id: 'b', label: 'a' },
      ]).success,
    ).toBe(false);
    expect(SourceListSchema.safeParse([{ id: 'a', label: 'A', archived: true }]).success).toBe(false);
  });

  it('keeps campaign codes in one form, and refuses what is not a code', () => {
    expect(normaliseCampaignCode(' spring 26 ')).toBe('SPRING-26');
    expect(normaliseCampaignCode('   ')).toBeUndefined();
    expect(CampaignCode.safeParse('SPRING-26').success).toBe(true);
    expect(CampaignCode.safeParse('SPRING/26').success).toBe(false);
    expect(CampaignCode.safeParse('A'.repeat(33)).success).toBe(false);
  });

  it('renames under the same id and archives, refusing a twin name and the last active source', () => {
    const list = [
      { id: 'radio', label: 'Radio' },
      { id: 'fax', label: 'Fax' },
    ];
    expect(renameSource(list, 'radio', ' Local radio ')[0]).toEqual({ id: 'radio', label: 'Local radio' });
    expect(() => renameSource(list, 'radio', 'FAX')).toThrow('“Fax” is already listed');
    expect(() => renameSource(list, 'radio', ' ')).toThrow('Give “Radio” a name');
    const archived = archiveSource(list, 'fax', true);
    expect(archived[1]).toEqual({ id: 'fax', label: 'Fax', archived: true });
    expect(() => archiveSource(archived, 'radio', true)).toThrow('Keep at least one source to choose from');
    expect(archiveSource(archived, 'fax', false)[1]).toEqual({ id: 'fax', label: 'Fax' });
  });
});

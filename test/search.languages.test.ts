import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snippet } from '../src/core/commands/search.js';
import { parseDocument } from '../src/documents/parse/index.js';
import type { SearchHit } from '../src/store/records.js';
import type { SearchOptions, Store } from '../src/store/store.js';
import { migrations } from '../src/store/migrations.js';
import { wordForms } from '../src/store/search/terms.js';
import { fixturePath } from './support/documents.js';
import { ENGINES, openTestStore, type TestStore } from './support/stores.js';

/**
 * Search in the documents' own languages, on both engines: French, Spanish and English records
 * and concluding observations (test/fixtures/languages/), each query finding its own language's
 * paragraphs, with or without accents, in any singular or plural form, within the filters.
 */

const FIXTURES = ['sr-9101-fr.txt', 'sr-9102-es.txt', 'sr-9103-en.txt', 'co-bel-fr.txt', 'co-ecu-es.txt'];

async function saveFixtures(store: Store): Promise<void> {
  for (const name of FIXTURES) {
    const rawText = readFileSync(fixturePath(`languages/${name}`), 'utf8');
    await store.saveDocument({ parsed: parseDocument(rawText, { name }), rawText, source: `fixture:${name}` });
  }
}

/** Hits as "symbol ¶number", the way a user reads the citations. */
const where = (hits: SearchHit[]): string[] => hits.map((h) => `${h.document.symbol} ¶${h.paragraph.number}`);
const found = async (store: Store, query: string, options: Partial<SearchOptions> = {}) => where(await store.search(query, { limit: 20, ...options }));

describe.each(ENGINES)('search in the documents’ languages on %s', (engine) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await openTestStore(engine);
    store = t.store;
    await saveFixtures(store);
  });
  afterEach(async () => t.cleanup());

  it('finds the French paragraphs for a French query, with or without its accents', async () => {
    const french = ['CCPR/C/SR.9101 ¶1', 'CRC/C/BEL/CO/9-10 ¶40'];
    expect((await found(store, 'détention des enfants')).sort()).toEqual(french);
    expect((await found(store, 'detention des enfants')).sort()).toEqual(french);
    expect((await found(store, 'DÉTENTION D’ENFANTS')).sort()).toEqual(french);
  });

  it('finds the Spanish paragraphs for a Spanish query, a singular finding the plural', async () => {
    const spanish = ['CED/C/SR.9102 ¶1', 'CRC/C/ECU/CO/9-10 ¶36'];
    expect((await found(store, 'detención de niños')).sort()).toEqual(spanish);
    expect((await found(store, 'detencion de ninos')).sort()).toEqual(spanish);
    expect((await found(store, 'detención niño')).sort()).toEqual(spanish);
  });

  it('finds the English paragraphs for an English query, and no French or Spanish ones', async () => {
    expect(await found(store, 'detention of children')).toEqual(['CMW/C/SR.9103 ¶1']);
    expect(await found(store, 'migrant workers')).toEqual(['CMW/C/SR.9103 ¶2']);
  });

  it('reads “oeuvre” typed without the ligature as “œuvre”', async () => {
    expect(await found(store, 'mise en oeuvre')).toEqual(['CCPR/C/SR.9101 ¶2']);
    expect(await found(store, 'mise en œuvre')).toEqual(['CCPR/C/SR.9101 ¶2']);
  });

  it('keeps the filters in every language', async () => {
    expect(await found(store, 'détention enfants', { country: 'BEL' })).toEqual(['CRC/C/BEL/CO/9-10 ¶40']);
    expect(await found(store, 'détention enfants', { committee: 'CCPR' })).toEqual(['CCPR/C/SR.9101 ¶1']);
    expect(await found(store, 'detención niños', { kind: 'summary-record' })).toEqual(['CED/C/SR.9102 ¶1']);
    expect(await found(store, 'detención niños', { country: 'BEL' })).toEqual([]);
    const spoken = await store.search('detention', { limit: 20, spoken: true });
    expect(spoken.length).toBeGreaterThan(0);
    expect(spoken.every((h) => h.paragraph.speaker !== null)).toBe(true);
  });

  it('ranks the paragraph with more of the words first when any word will do', async () => {
    const hits = await found(store, 'centres fermés enfants', { anyWord: true });
    expect(hits[0]).toBe('CCPR/C/SR.9101 ¶1');
    expect(hits).toContain('CRC/C/BEL/CO/9-10 ¶40');
  });

  it('indexes documents stored before their language was read in their own language once migrated', async () => {
    // The store as it was before migration 0010: no languages, every paragraph indexed in English.
    await sql`update documents set language = null`.execute(store.db);
    if (engine === 'postgres') {
      await sql`alter table paragraphs drop column ts_config`.execute(store.db);
      await sql`update paragraphs set tsv = to_tsvector('english', text)`.execute(store.db);
    }
    // Run that migration again over the old state, as an upgrade would.
    const all = await migrations(engine).getMigrations();
    await all['0010_search_languages']!.up(store.db as unknown as Kysely<unknown>);
    const languages = await store.db.selectFrom('documents').select(['symbol', 'language']).orderBy('symbol').execute();
    expect(languages.map((d) => `${d.symbol} ${d.language}`)).toEqual([
      'CCPR/C/SR.9101 fr',
      'CED/C/SR.9102 es',
      'CMW/C/SR.9103 en',
      'CRC/C/BEL/CO/9-10 fr',
      'CRC/C/ECU/CO/9-10 es',
    ]);
    expect((await found(store, 'detencion de ninos')).sort()).toEqual(['CED/C/SR.9102 ¶1', 'CRC/C/ECU/CO/9-10 ¶36']);
    expect((await found(store, 'détention des enfants')).sort()).toEqual(['CCPR/C/SR.9101 ¶1', 'CRC/C/BEL/CO/9-10 ¶40']);
    expect(await found(store, 'detention of children')).toEqual(['CMW/C/SR.9103 ¶1']);
  });
});

describe('the words searched', () => {
  it('takes each word in its singular and plural forms in the three languages', () => {
    expect(wordForms('enfants')).toContain('enfant');
    expect(wordForms('nino')).toContain('ninos');
    expect(wordForms('detencion')).toContain('detenciones');
    expect(wordForms('detenciones')).toContain('detencion');
    expect(wordForms('nationaux')).toContain('national');
    expect(wordForms('policies')).toContain('policy');
    expect(wordForms('veces')).toContain('vez');
    expect(wordForms('1840')).toEqual(['1840']);
  });

  it('shows where a paragraph holds the word, whatever its form', () => {
    const text = `${'Le Comité prend note des efforts accomplis par l’État partie dans plusieurs domaines. '.repeat(5)}Il demeure préoccupé par la détention d’un enfant migrant non accompagné.`;
    const shown = snippet(text, ['detention', 'enfants'], 120);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown).toContain('détention d’un enfant');
  });
});

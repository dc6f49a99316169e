import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseDocument } from '../../src/documents/parse/index.js';
import type { ParsedDocument } from '../../src/documents/schema.js';

/**
 * The corpus in the real formats: each document in `test/corpus/` is modelled on one real
 * document (named on its first line, `SOURCE: ...`) and has beside it a JSON file of the facts
 * a careful reader reads off it. Scoring compares those facts with what the parser reads.
 */

export const CORPUS_DIR = fileURLToPath(new URL('.', import.meta.url));

const nullableString = z.string().nullable();
export const ExpectedFacts = z
  .object({
    kind: z.string(),
    language: z.enum(['en', 'fr', 'es', 'ar', 'zh', 'ru']),
    symbol: nullableString,
    committee: nullableString,
    country: nullableString,
    session: z.number().int().nullable(),
    meeting: z.number().int().nullable(),
    issued: nullableString,
    held: nullableString,
    chair: nullableString,
    interventions: z.array(z.object({ speaker: z.string(), paragraphs: z.array(z.number().int()) }).strict()),
    followUp: z
      .object({
        paragraphs: z.array(z.number().int()),
        evaluations: z.array(
          z
            .object({
              paragraph: z.number().int(),
              subparagraphs: z.array(z.string()),
              grade: z.string().nullable(),
              assessment: z.string().nullable(),
              /** For reports that cover several States parties: the State the evaluation is about. */
              country: z.string().optional(),
            })
            .strict(),
        ),
      })
      .strict(),
    deadlines: z.array(z.object({ kind: z.string(), due: z.string() }).strict()),
    /** Free words for the reader of the corpus; not scored. */
    note: z.string().optional(),
  })
  .strict();
export type ExpectedFacts = z.infer<typeof ExpectedFacts>;

const SCALARS = ['kind', 'language', 'symbol', 'committee', 'country', 'session', 'meeting', 'issued', 'held', 'chair'] as const;
export const FIELDS = [...SCALARS, 'interventions', 'followUp.paragraphs', 'followUp.evaluations', 'deadlines'] as const;
export type Field = (typeof FIELDS)[number];

export interface Miss {
  file: string;
  field: Field | 'crash' | 'source';
  expected: string;
  actual: string;
}

export interface DocumentScore {
  file: string;
  family: string;
  right: Partial<Record<Field, number>>;
  total: Partial<Record<Field, number>>;
  misses: Miss[];
}

export interface CorpusScore {
  documents: DocumentScore[];
  right: Record<Field, number>;
  total: Record<Field, number>;
  misses: Miss[];
}

export interface CorpusDocument {
  /** Relative to the corpus folder. */
  file: string;
  family: string;
  source: string | null;
  /** The document with its SOURCE line blanked, so line numbers stay those of the file. */
  text: string;
  expected: ExpectedFacts;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

export function loadCorpus(dir = CORPUS_DIR): CorpusDocument[] {
  return walk(dir)
    .filter((path) => /\.(txt|md)$/.test(path) && basename(path) !== 'README.md')
    .map((path) => {
      const file = relative(dir, path);
      const raw = readFileSync(path, 'utf8');
      const firstLine = raw.slice(0, raw.indexOf('\n') < 0 ? raw.length : raw.indexOf('\n'));
      const source = /^SOURCE:\s*(\S.*)$/.exec(firstLine)?.[1] ?? null;
      const jsonPath = path.replace(/\.(txt|md)$/, '.json');
      const expected = ExpectedFacts.parse(JSON.parse(readFileSync(jsonPath, 'utf8')));
      return {
        file,
        family: file.includes('/') ? file.slice(0, file.indexOf('/')) : '.',
        source,
        text: source ? raw.slice(firstLine.length) : raw,
        expected,
      };
    });
}

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Right items of two lists compared as multisets; extra items the parser invents count against it. */
function compareLists(expected: string[], actual: string[]): { right: number; total: number; missing: string[]; extra: string[] } {
  const pool = [...actual];
  const missing: string[] = [];
  let right = 0;
  for (const e of expected) {
    const at = pool.indexOf(e);
    if (at >= 0) {
      right++;
      pool.splice(at, 1);
    } else missing.push(e);
  }
  return { right, total: Math.max(expected.length, actual.length), missing, extra: pool };
}

function actualFacts(doc: ParsedDocument): Record<Field, unknown> {
  return {
    kind: doc.kind,
    language: doc.language,
    symbol: doc.symbol,
    committee: doc.committee,
    country: doc.country,
    session: doc.session,
    meeting: doc.meeting,
    issued: doc.issued,
    held: doc.held,
    chair: doc.chair,
    interventions: doc.interventions.map((i) => `${squash(i.speaker)} ¶${i.paragraphs.join(',')}`),
    'followUp.paragraphs': doc.followUp.paragraphs.map(String),
    'followUp.evaluations': doc.followUp.evaluations.map((e) => evaluationKey(e as typeof e & { country?: string | null }, true)),
    deadlines: doc.deadlines.map((d) => `${d.kind} ${d.due}`),
  };
}

function evaluationKey(
  e: { paragraph: number; subparagraphs: readonly string[]; grade: string | null; assessment: string | null; country?: string | null },
  withCountry: boolean,
): string {
  const subs = e.subparagraphs.length ? ` (${[...e.subparagraphs].join(')(')})` : '';
  const where = withCountry && e.country ? ` ${e.country}` : '';
  return `${e.paragraph}${subs} [${e.grade ?? '-'}] ${e.assessment ?? 'no assessment'}${where}`;
}

function expectedFacts(x: ExpectedFacts): Record<Field, unknown> {
  return {
    kind: x.kind,
    language: x.language,
    symbol: x.symbol,
    committee: x.committee,
    country: x.country,
    session: x.session,
    meeting: x.meeting,
    issued: x.issued,
    held: x.held,
    chair: x.chair,
    interventions: x.interventions.map((i) => `${squash(i.speaker)} ¶${i.paragraphs.join(',')}`),
    'followUp.paragraphs': x.followUp.paragraphs.map(String),
    'followUp.evaluations': x.followUp.evaluations.map((e) => evaluationKey(e, e.country !== undefined)),
    deadlines: x.deadlines.map((d) => `${d.kind} ${d.due}`),
  };
}

export function scoreDocument(item: CorpusDocument): DocumentScore {
  const score: DocumentScore = { file: item.file, family: item.family, right: {}, total: {}, misses: [] };
  const want = expectedFacts(item.expected);
  if (!item.source) score.misses.push({ file: item.file, field: 'source', expected: 'SOURCE: <url> on the first line', actual: 'none' });
  let doc: ParsedDocument;
  try {
    doc = parseDocument(Buffer.from(item.text, 'utf8'), { name: basename(item.file) });
  } catch (error) {
    score.misses.push({ file: item.file, field: 'crash', expected: 'a parsed document', actual: String(error) });
    for (const field of FIELDS) {
      const w = want[field];
      if (w === undefined) continue;
      score.right[field] = 0;
      score.total[field] = Array.isArray(w) ? Math.max(1, w.length) : 1;
    }
    return score;
  }
  const got = actualFacts(doc);
  // A deadline worked out from a committee's usual period is not printed: never counted as invented.
  const wantDeadlines = new Set(want.deadlines as string[]);
  got.deadlines = doc.deadlines.filter((d) => !d.derived || wantDeadlines.has(`${d.kind} ${d.due}`)).map((d) => `${d.kind} ${d.due}`);
  // Evaluations of a one-State document carry no country in the expectation; compare them without it.
  if (!item.expected.followUp.evaluations.some((e) => e.country !== undefined)) {
    got['followUp.evaluations'] = doc.followUp.evaluations.map((e) => evaluationKey(e, false));
  }
  for (const field of FIELDS) {
    const w = want[field];
    if (w === undefined) continue;
    const a = got[field];
    if (Array.isArray(w)) {
      const result = compareLists(w as string[], (a as string[]) ?? []);
      score.right[field] = result.right;
      score.total[field] = result.total;
      if (result.missing.length || result.extra.length) {
        score.misses.push({
          file: item.file,
          field,
          expected: result.missing.length ? result.missing.join('; ') : '(nothing more)',
          actual: result.extra.length ? result.extra.join('; ') : '(nothing)',
        });
      }
    } else {
      const ok = typeof w === 'string' && typeof a === 'string' ? squash(w) === squash(a) : w === a;
      score.right[field] = ok ? 1 : 0;
      score.total[field] = 1;
      if (!ok) score.misses.push({ file: item.file, field, expected: show(w), actual: show(a) });
    }
  }
  return score;
}

export function scoreCorpus(items: CorpusDocument[] = loadCorpus()): CorpusScore {
  const documents = items.map(scoreDocument);
  const right = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  const total = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  for (const d of documents) {
    for (const f of FIELDS) {
      right[f] += d.right[f] ?? 0;
      total[f] += d.total[f] ?? 0;
    }
  }
  return { documents, right, total, misses: documents.flatMap((d) => d.misses) };
}

export function share(right: number, total: number): number {
  return total === 0 ? 1 : right / total;
}

export function overall(score: Pick<CorpusScore, 'right' | 'total'>): { right: number; total: number } {
  let right = 0;
  let total = 0;
  for (const f of FIELDS) {
    right += score.right[f];
    total += score.total[f];
  }
  return { right, total };
}

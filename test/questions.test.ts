import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode, isRapporteurError } from '../src/errors.js';
import { parseDocument } from '../src/documents/parse/index.js';
import { loadCorpus } from './corpus/score.js';
import { SEEDS, coreWith, type CoreHarness } from './support/core.js';
import { root } from './support/documents.js';

/**
 * The question suite: questions as users type them, each with what its answer must and must
 * not say, over a store holding the seeds and the corpus. Each question runs in a fresh
 * conversation, after the `before` questions when it continues one.
 */

const Question = z.object({
  q: z.string().min(1),
  before: z.array(z.string()).optional(),
  must: z.array(z.string()).default([]),
  mustNot: z.array(z.string()).default([]),
  kind: z.enum(['answer', 'help', 'not-found', 'refusal', 'error']).optional(),
  note: z.string().optional(),
});

const DIR = `${root}test/questions/`;
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const suites = files.map((file) => ({ file, questions: z.array(Question).parse(JSON.parse(readFileSync(DIR + file, 'utf8'))) }));
const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();

let h: CoreHarness;
beforeAll(async () => {
  h = await coreWith(SEEDS);
  // A corpus copy modelled on a seed is that document again, cut short: the seed itself answers.
  for (const doc of loadCorpus().filter((d) => !d.source?.startsWith('seeds/'))) {
    // A document the store cannot identify is refused by ingest too; the rest are what a user could ask about.
    await h.store.saveDocument({ parsed: parseDocument(doc.text, { name: doc.file }), rawText: doc.text, source: `corpus/${doc.file}` }).catch((error: unknown) => {
      if (!(isRapporteurError(error) && error.code === ErrorCode.NotADocument)) throw error;
    });
  }
}, 60_000);
afterAll(async () => h.cleanup());

it('the suite holds at least 150 questions', () => {
  expect(suites.reduce((n, s) => n + s.questions.length, 0)).toBeGreaterThanOrEqual(150);
});

let conversation = 0;
for (const { file, questions } of suites) {
  describe(file, () => {
    it.each(questions.map((q, i) => ({ ...q, title: `${i + 1}. ${[...(q.before ?? []), q.q].join(' → ')}` })))('$title', async (q) => {
      const channelId = `Q${++conversation}`;
      for (const earlier of q.before ?? []) await h.ask(earlier, { channelId });
      const r = await h.ask(q.q, { channelId });
      const text = fold(r.fallback);
      if (q.kind) expect(r.kind, text).toBe(q.kind);
      for (const m of q.must) expect(text).toContain(fold(m));
      for (const m of q.mustNot) expect(text).not.toContain(fold(m));
    });
  });
}

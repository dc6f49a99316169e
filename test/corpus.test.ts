import { describe, expect, it } from 'vitest';
import { loadCorpus, overall, scoreCorpus, share } from './corpus/score.js';

/** The corpus in the real formats (test/corpus/README.md): every document read, and read right. */
describe('the corpus of documents in the real formats', () => {
  const items = loadCorpus();
  const score = scoreCorpus(items);

  it('holds at least 150 documents, each naming the real page it models', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    expect(items.filter((d) => !d.source).map((d) => d.file)).toEqual([]);
  });

  it('covers all nine committees and the SPT, and 1995 to 2026', () => {
    const committees = new Set(items.map((d) => d.expected.committee));
    for (const c of ['CCPR', 'CESCR', 'CERD', 'CEDAW', 'CAT', 'CRC', 'CMW', 'CRPD', 'CED', 'SPT']) expect(committees).toContain(c);
    const years = items.map((d) => Number((d.expected.issued ?? d.expected.held ?? '').slice(0, 4))).filter((y) => y > 0);
    expect(Math.min(...years)).toBeLessThanOrEqual(1995);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(2026);
  });

  it('parses every document without a crash', () => {
    expect(score.misses.filter((m) => m.field === 'crash')).toEqual([]);
  });

  it('reads at least 98% of the expected facts', () => {
    const all = overall(score);
    expect(share(all.right, all.total), `misses:\n${score.misses.map((m) => `${m.file} ${m.field}: expected ${m.expected}, got ${m.actual}`).join('\n')}`).toBeGreaterThanOrEqual(0.98);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { parseDocument } from '../src/documents/parse/index.js';

/**
 * Parsing throughput on the seeds and the test fixtures, beside marked's lexer on the
 * same text in the same run (the baseline: a well-tuned Markdown tokenizer that does far
 * less). Run with `npm run bench:parse`.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const files = [
  ...readdirSync(`${root}seeds`).map((f) => `${root}seeds/${f}`),
  ...readdirSync(`${root}test/fixtures`).filter((f) => !f.startsWith('README')).map((f) => `${root}test/fixtures/${f}`),
];
const docs = files.map((path) => ({ path, bytes: readFileSync(path), text: readFileSync(path, 'utf8') }));
const totalBytes = docs.reduce((n, d) => n + d.bytes.byteLength, 0);

function measure(name: string, work: () => void, seconds = 3): { name: string; perRound: number; rounds: number } {
  for (let i = 0; i < 50; i++) work();
  const samples: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    work();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { name, perRound: samples[Math.floor(samples.length / 2)]!, rounds: samples.length };
}

const parse = measure('rapporteur parseDocument', () => {
  for (const d of docs) parseDocument(d.bytes, { name: d.path });
});
const lexer = measure('marked.lexer (baseline)', () => {
  for (const d of docs) marked.lexer(d.text);
});

console.log(`Corpus: ${docs.length} documents, ${(totalBytes / 1024).toFixed(1)} KiB (seeds and test fixtures)`);
for (const r of [parse, lexer]) {
  const docsPerSecond = (docs.length / r.perRound) * 1000;
  const mbPerSecond = (totalBytes / 1024 / 1024 / r.perRound) * 1000;
  console.log(
    `${r.name.padEnd(28)} ${r.perRound.toFixed(3).padStart(8)} ms/corpus (median of ${r.rounds})  ${docsPerSecond.toFixed(0).padStart(7)} docs/s  ${mbPerSecond.toFixed(2).padStart(6)} MB/s`,
  );
}
const ratio = parse.perRound / lexer.perRound;
console.log(`Ratio parse / lexer: ${ratio.toFixed(2)}x (goal: no slower than 3x)`);

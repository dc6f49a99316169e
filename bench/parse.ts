import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { parseDocument } from '../src/documents/parse/index.js';
import { HEADERS, PATTERNS, adversarialText } from '../test/support/adversarial.js';

/**
 * Parsing throughput on the seeds and the test fixtures, beside marked's lexer on the
 * same text in the same run (the baseline: a well-tuned Markdown tokenizer that does far
 * less), then the seconds per MiB of the slowest input made of one repeated pattern. Run with
 * `npm run bench:parse`.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const files = [
  ...readdirSync(`${root}seeds`).map((f) => `${root}seeds/${f}`),
  ...readdirSync(`${root}test/fixtures`, { withFileTypes: true })
    .filter((f) => f.isFile() && !f.name.startsWith('README'))
    .map((f) => `${root}test/fixtures/${f.name}`),
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

// The worst repeated pattern: every pattern under every kind's header at 1 MiB, timed once
// each (they are slow only if something is super-linear); then the worst one again at 4 MiB.
const MIB = 1024 * 1024;
const secondsPerMib = (text: string, name: string | undefined): number => {
  const t0 = performance.now();
  parseDocument(text, name ? { name } : {});
  return (performance.now() - t0) / 1000 / (Buffer.byteLength(text) / MIB);
};
let worst = { label: '', seconds: 0, pattern: PATTERNS[0]!, header: '', name: undefined as string | undefined };
for (const pattern of PATTERNS) {
  for (const [header, top] of Object.entries(HEADERS)) {
    for (const name of ['x.md', 'x.txt', undefined]) {
      const seconds = secondsPerMib(adversarialText(pattern, top, MIB), name);
      if (seconds > worst.seconds) worst = { label: `${pattern.name} under the ${header} header (${name ?? 'no name'})`, seconds, pattern, header, name };
    }
  }
}
const atFour = secondsPerMib(adversarialText(worst.pattern, HEADERS[worst.header]!, 4 * MIB), worst.name);
console.log(`Worst generated pattern: ${worst.label}: ${worst.seconds.toFixed(2)} s/MiB at 1 MiB, ${atFour.toFixed(2)} s/MiB at 4 MiB (goal: about 1 s/MiB at most)`);

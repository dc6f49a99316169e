import { FIELDS, loadCorpus, overall, scoreCorpus, share, type CorpusScore, type DocumentScore } from './score.js';

/**
 * `npm run corpus`: the share of expected facts the parser reads right, per field, per format
 * family and in all, after the list of misses. `--family NAME` scores one folder only.
 */

const args = process.argv.slice(2);
const familyAt = args.indexOf('--family');
const family = familyAt >= 0 ? args[familyAt + 1] : undefined;
const items = loadCorpus().filter((d) => !family || d.family === family);
const score = scoreCorpus(items);

const pct = (right: number, total: number): string => `${(share(right, total) * 100).toFixed(1).padStart(5)}%`;

function sum(docs: DocumentScore[]): Pick<CorpusScore, 'right' | 'total'> {
  const right = Object.fromEntries(FIELDS.map((f) => [f, 0])) as CorpusScore['right'];
  const total = Object.fromEntries(FIELDS.map((f) => [f, 0])) as CorpusScore['total'];
  for (const d of docs) {
    for (const f of FIELDS) {
      right[f] += d.right[f] ?? 0;
      total[f] += d.total[f] ?? 0;
    }
  }
  return { right, total };
}

const out: string[] = [];
if (score.misses.length) {
  out.push(`Misses (${score.misses.length}):`);
  for (const m of score.misses) out.push(`  ${m.file}  ${m.field}: expected ${m.expected}, got ${m.actual}`);
  out.push('');
}
out.push('Per field:');
for (const f of FIELDS) {
  if (score.total[f] === 0) continue;
  out.push(`  ${f.padEnd(22)} ${String(score.right[f]).padStart(5)} / ${String(score.total[f]).padEnd(5)} ${pct(score.right[f], score.total[f])}`);
}
out.push('');
out.push('Per family:');
const families = [...new Set(score.documents.map((d) => d.family))];
for (const name of families) {
  const docs = score.documents.filter((d) => d.family === name);
  const o = overall(sum(docs));
  out.push(`  ${name.padEnd(28)} ${String(docs.length).padStart(4)} documents  ${String(o.right).padStart(5)} / ${String(o.total).padEnd(5)} ${pct(o.right, o.total)}`);
}
const languages = [...new Set(items.map((d) => d.expected.language ?? 'en'))];
if (languages.length > 1) {
  out.push('');
  out.push('Per language:');
  for (const lang of languages) {
    const files = new Set(items.filter((d) => (d.expected.language ?? 'en') === lang).map((d) => d.file));
    const docs = score.documents.filter((d) => files.has(d.file));
    const o = overall(sum(docs));
    out.push(`  ${lang.padEnd(28)} ${String(docs.length).padStart(4)} documents  ${String(o.right).padStart(5)} / ${String(o.total).padEnd(5)} ${pct(o.right, o.total)}`);
  }
}
const all = overall(score);
const crashes = score.misses.filter((m) => m.field === 'crash').length;
out.push('');
out.push(`Documents: ${score.documents.length}, crashes: ${crashes}`);
out.push(`Facts read right: ${all.right} of ${all.total}`);
out.push(`Corpus score: ${pct(all.right, all.total).trim()}`);
process.stdout.write(`${out.join('\n')}\n`);

import { countryName } from '../../domain/countries.js';
import { formatRef } from '../../documents/parse/references.js';
import type { StoredDocument } from '../../store/records.js';
import type { ArgsOf } from '../commandSchemas.js';
import type { CoreContext } from '../context.js';
import { cite, documentLabel } from '../format.js';
import { reply, type Block, type Reply } from '../reply.js';

/**
 * "What does [C] mean?": from the grade legend the committee printed, when the store holds one;
 * else from what the evaluations' own sentences say of the grades with that letter; else says so.
 */

async function evaluations(args: ArgsOf<'grade-meaning'>, ctx: CoreContext): Promise<StoredDocument[]> {
  if (args.country) {
    const latest = await ctx.store.latestEvaluation(args.country, args.committee);
    return latest ? [latest] : [];
  }
  const listed = await ctx.store.listDocuments({ kind: 'follow-up-evaluation', ...(args.committee ? { committee: args.committee } : {}) });
  const docs = await Promise.all(listed.map((d) => ctx.store.document(d.key)));
  return docs.filter((d): d is StoredDocument => d !== null);
}

export async function gradeMeaning(args: ArgsOf<'grade-meaning'>, ctx: CoreContext): Promise<Reply> {
  const letter = args.letter;
  const docs = await evaluations(args, ctx);
  const committees = [...new Set<string>([...(args.committee ? [args.committee] : []), ...docs.flatMap((d) => (d.committee ? [d.committee] : []))])];
  const blocks: Block[] = [{ type: 'heading', text: `What [${letter}] means` }];

  // Per committee: its printed legend; without one, what its evaluations say of the paragraphs graded so.
  const withoutLegend: StoredDocument[] = docs.filter((d) => !d.committee);
  for (const committee of committees) {
    const at = docs.find((d) => d.committee === committee)?.issued ?? null;
    const legend = await ctx.store.legend(committee, at);
    const entry = legend?.entries.find((e) => e.letter === letter);
    if (!legend || !entry) {
      withoutLegend.push(...docs.filter((d) => d.committee === committee));
      continue;
    }
    const doc = await ctx.store.document(legend.source);
    const text = `${committee}: [${letter}] ${entry.label}${entry.meaning && !entry.label.toLowerCase().includes(entry.meaning.toLowerCase()) ? ` (${entry.meaning})` : ''}`;
    blocks.push(doc ? { type: 'quote', text, cite: cite(doc, 'grade legend') } : { type: 'text', text: `${text} (the legend of ${legend.source})` });
  }
  for (const doc of withoutLegend) {
    const graded = (await ctx.store.grades(doc.id)).filter((g) => g.grade === letter);
    if (graded.length === 0) continue;
    const said = new Map<string, string[]>();
    for (const g of graded) {
      const ref = formatRef({ paragraph: g.paragraph, subparagraphs: g.subparagraphs });
      for (const s of g.stated.length ? g.stated : ['no assessment stated']) said.set(s, [...(said.get(s) ?? []), ref]);
    }
    const who = `${doc.committee ? `${doc.committee}, ` : ''}${doc.country ? countryName(doc.country) ?? doc.country : documentLabel(doc)}`;
    const readings = [...said].map(([s, refs]) => `“${s}” (${refs.join(', ')})`);
    blocks.push({
      type: 'quote',
      text: `${who}: no grade legend is in the store; the paragraphs this evaluation grades [${letter}] are assessed in its own words as ${readings.join('; ')}.`,
      cite: cite(doc, `paragraphs graded [${letter}]`),
    });
    if (said.size > 1) blocks.push({ type: 'context', text: 'The evaluation’s own words differ between paragraphs with the same letter; each reading is cited.' });
  }
  if (blocks.length > 1) return reply('answer', blocks);
  return reply('not-found', [
    { type: 'text', text: `What [${letter}] means is not stated in the documents in the store${args.committee ? ` for ${args.committee}` : ''}: no grade legend gives it, and no evaluation grades a paragraph [${letter}].` },
  ]);
}

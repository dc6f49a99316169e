import type { ArgsOf } from '../commandSchemas.js';
import type { CoreContext } from '../context.js';
import { cite, clip, documentLabel } from '../format.js';
import { reply, type Reply } from '../reply.js';

/** "Show source": the text exactly as the document prints it, from the stored original. */

const MAX_CHARS = 2800;

export async function source(args: ArgsOf<'source'>, ctx: CoreContext): Promise<Reply> {
  const doc = await ctx.store.document(args.key);
  if (!doc) return reply('not-found', [{ type: 'text', text: `${args.key} is not in the store.` }]);
  const raw = (await ctx.store.rawText(doc.id)) ?? '';
  const lines = raw.split(/\r\n?|\n/);
  let span: [number, number] = [1, Math.min(lines.length, 40)];
  let where: string | null = null;
  if (args.paragraph !== undefined) {
    const [p] = await ctx.store.paragraphsByNumber(doc.id, [args.paragraph]);
    if (!p) return reply('not-found', [{ type: 'text', text: `${documentLabel(doc)} has no paragraph ${args.paragraph}.` }]);
    span = p.lines;
    where = `para. ${args.paragraph}`;
  } else if (args.lines) {
    span = [Math.max(1, args.lines[0]), Math.min(lines.length, args.lines[1])];
    where = `lines ${span[0]}–${span[1]}`;
  }
  const text = lines.slice(span[0] - 1, span[1]).join('\n').trim();
  return reply('answer', [{ type: 'quote', text: clip(text, MAX_CHARS), cite: cite(doc, where) }]);
}

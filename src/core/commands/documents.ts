import { countryName } from '../../domain/countries.js';
import { normalizeSymbol } from '../../domain/symbols.js';
import { ErrorCode } from '../../errors.js';
import { ordinalSuffix } from '../../domain/ordinals.js';
import type { ArgsOf } from '../commandSchemas.js';
import type { CoreContext } from '../context.js';
import { cite, documentLabel, longDate, plural, KIND_NAMES } from '../format.js';
import { reply, type Block, type Reply } from '../reply.js';


export async function documents(args: ArgsOf<'documents'>, ctx: CoreContext): Promise<Reply> {
  if (args.recent) {
    return reply('refusal', [
      { type: 'text', text: 'What is new depends on when you last looked, and I do not keep that for lists. “documents” lists every document, newest first; “documents issued in 2026” narrows to a year.' },
      { type: 'context', text: 'A digest (“digest daily 09:00”) brings the documents added since the last one, for the State parties and committees this conversation follows.' },
    ], ErrorCode.FilterRefused);
  }
  const listed = await ctx.store.listDocuments({ ...(args.country ? { country: args.country } : {}), ...(args.committee ? { committee: args.committee } : {}), ...(args.year ? { limit: 1000 } : {}) });
  const docs = args.year ? listed.filter((d) => d.issued?.startsWith(String(args.year))) : listed;
  const scope = [args.country ? countryName(args.country) ?? args.country : null, args.committee].filter(Boolean).join(', ');
  const when = args.year ? ` issued in ${args.year}` : '';
  if (docs.length === 0) return reply('not-found', [{ type: 'text', text: `No documents${scope ? ` about ${scope}` : ''}${when} are in the store.` }]);
  return reply('answer', [
    { type: 'heading', text: `Documents${scope ? ` about ${scope}` : ''}${when}` },
    {
      type: 'list',
      items: docs.map((d) => ({
        text: `${KIND_NAMES[d.kind]}${d.meeting ? ` of the ${ordinalSuffix(d.meeting)} meeting` : ''}${d.issued ? `, ${longDate(d.issued)}` : ''}${d.title ? `: ${d.title}` : ''}`,
        cite: cite(d, null),
      })),
    },
  ]);
}

/** Where a document came from, as chat may show it: a link as it is, a file by its name only (no server paths). */
export function sourceLabel(source: string): string {
  if (/^https?:\/\//i.test(source)) return source;
  return `the file ${source.split(/[\\/]/).filter(Boolean).at(-1) ?? source}`;
}

/** A symbol the store lacks: admins are offered the fetch, everyone else is told who can fetch it. */
function notStored(asked: string, ctx: CoreContext): Reply {
  const symbol = normalizeSymbol(asked);
  if (!symbol) return reply('not-found', [{ type: 'text', text: `${asked} is not in the store.` }]);
  if (ctx.isAdmin) {
    return reply('not-found', [
      { type: 'text', text: `${symbol} is not in the store. I can fetch it from the UN’s document systems.` },
      { type: 'actions', actions: [{ id: 'fetch', label: `Fetch ${symbol}`, kind: 'command', command: `fetch ${symbol}`, style: 'primary' }] },
    ]);
  }
  return reply('not-found', [{ type: 'text', text: `${symbol} is not in the store. An admin can fetch it from the UN’s document systems (“fetch ${symbol}”).` }]);
}

export async function document(args: ArgsOf<'document'>, ctx: CoreContext): Promise<Reply> {
  const doc = await ctx.store.document(args.symbol);
  if (!doc) return notStored(args.symbol, ctx);
  const paragraphs = await ctx.store.paragraphs(doc.id);
  const versions = await ctx.store.versions(doc.key);
  const label = documentLabel(doc);
  const fields = [
    { label: 'Kind', value: KIND_NAMES[doc.kind] },
    ...(doc.committee ? [{ label: 'Committee', value: doc.committee }] : []),
    ...(doc.country ? [{ label: 'State party', value: countryName(doc.country) ?? doc.country }] : []),
    ...(doc.issued ? [{ label: 'Issued', value: longDate(doc.issued) }] : []),
    ...(doc.held ? [{ label: 'Held', value: longDate(doc.held) }] : []),
    { label: 'Paragraphs', value: String(paragraphs.length) },
    { label: 'Version', value: `${doc.version}${versions.length ? ` (reissued; ${versions.map((v) => `v${v.version + 1}: ${v.changes}`).join('; ')})` : ''}` },
  ];
  const blocks: Block[] = [{ type: 'heading', text: `${label}${doc.title ? `: ${doc.title}` : ''}` }, { type: 'fields', fields }];
  if (doc.warnings.length) blocks.push({ type: 'list', title: `${plural(doc.warnings.length, 'warning')} from reading it`, items: doc.warnings.map((text) => ({ text })) });
  const commands =
    doc.kind === 'summary-record'
      ? [{ id: 'summary', label: 'Summary', kind: 'command' as const, command: `summary ${label}` }]
      : doc.country
        ? [{ id: 'status', label: 'Follow-up status', kind: 'command' as const, command: `status ${doc.country}` }]
        : [];
  blocks.push({ type: 'context', text: `Source: ${sourceLabel(doc.source)}` });
  blocks.push({ type: 'actions', actions: [...commands, { id: 'show-source', label: 'Show source', kind: 'command', command: `source ${doc.key}` }] });
  return reply('answer', blocks);
}

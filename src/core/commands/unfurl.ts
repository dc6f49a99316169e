import { countryName } from '../../domain/countries.js';
import { findSymbols, normalizeSymbol } from '../../domain/symbols.js';
import { standing } from '../../deadlines/standing.js';
import type { StoredDocument } from '../../store/records.js';
import { zoneOf, type CoreContext } from '../context.js';
import { describeStanding } from '../deadlineWords.js';
import { cite, documentLabel, KIND_NAMES, longDate, plural, today } from '../format.js';
import { reply, type Block, type Reply } from '../reply.js';

/**
 * What a pasted UN symbol or link to the UN's document hosts says, for a platform to show
 * under it (Slack's unfurl, Teams' link preview): the document's title and date and what the
 * store knows of it, or, for a document not in the store, its symbol and an offer to fetch it.
 */

/** The hosts whose links are previewed; each platform's manifest names the same ones. */
export const UN_DOCUMENT_HOSTS = ['documents.un.org', 'docstore.ohchr.org', 'tbinternet.ohchr.org', 'undocs.org'] as const;

/** Query parameters the hosts carry a symbol in: ODS (s, symbol), the Treaty Body Database (symbolno), undocs (FinalSymbol). */
const SYMBOL_PARAMETERS = ['s', 'symbol', 'symbolno', 'finalsymbol'];

const MAX_SPEAKERS = 6;

/** A link to one of the UN's document hosts (or a subdomain), or null. */
export function unDocumentLink(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase();
  return UN_DOCUMENT_HOSTS.some((h) => host === h || host.endsWith(`.${h}`)) ? url : null;
}

/** The symbol a link names, in its query or its path ("undocs.org/en/CMW/C/AZE/CO/3"); null when it names none (docstore's encrypted links). */
export function symbolOfLink(url: URL): string | null {
  for (const [name, value] of url.searchParams) {
    if (!SYMBOL_PARAMETERS.includes(name.toLowerCase())) continue;
    const symbol = normalizeSymbol(value);
    if (symbol) return symbol;
  }
  const path = decodeURIComponent(url.pathname).replace(/^\/(?:[a-z]{2}\/)?/i, '');
  return normalizeSymbol(path) ?? findSymbols(path)[0]?.symbol ?? null;
}

/** A preview: a line for a list (title, text) and the whole card (reply). */
export interface Preview {
  /** The symbol previewed; null for a link that names none. */
  symbol: string | null;
  /** Whether the store has the document. */
  known: boolean;
  title: string;
  text: string;
  reply: Reply;
}

/** What the store knows beyond the title: the follow-up status line, or who chaired and spoke. */
async function knownLines(doc: StoredDocument, ctx: CoreContext): Promise<string[]> {
  if (doc.kind === 'summary-record') {
    const speakers = [...new Set((await ctx.store.interventions(doc.id)).map((i) => i.speaker))];
    const shown = speakers.slice(0, MAX_SPEAKERS).join(', ');
    const more = speakers.length > MAX_SPEAKERS ? ` and ${plural(speakers.length - MAX_SPEAKERS, 'other')}` : '';
    return [...(doc.chair ? [`Chair: ${doc.chair}.`] : []), ...(speakers.length ? [`Speakers: ${shown}${more}.`] : [])];
  }
  return doc.symbol ? followUpLines(doc.symbol, ctx) : [];
}

/** The follow-up status line of concluding observations: what the State party owes and whether it came, also when only the evaluation is stored. */
async function followUpLines(symbol: string, ctx: CoreContext): Promise<string[]> {
  const deadlines = (await ctx.store.deadlines({ symbol })).filter((d) => d.kind === 'follow-up-reply');
  if (deadlines.length === 0) return [];
  const day = today(ctx.clock, await zoneOf(ctx));
  return deadlines.map((d) => `${d.title}: due ${longDate(d.due)}, ${describeStanding(standing(d, day))}.`);
}

function known(doc: StoredDocument, lines: string[]): Preview {
  const label = documentLabel(doc);
  const title = doc.title ? `${label}: ${doc.title}` : label;
  const facts = [KIND_NAMES[doc.kind], doc.country ? countryName(doc.country) ?? doc.country : null, doc.issued ? longDate(doc.issued) : null].filter(Boolean).join(', ');
  const blocks: Block[] = [
    { type: 'heading', text: title },
    { type: 'text', text: facts },
    ...lines.map((text): Block => ({ type: 'text', text })),
    { type: 'context', text: `In Rapporteur’s store (${cite(doc, null).source}).` },
    {
      type: 'actions',
      actions: [
        { id: 'document', label: 'Details', kind: 'command', command: `doc ${doc.key}` },
        ...(doc.kind === 'summary-record' ? [{ id: 'summary', label: 'Summary', kind: 'command' as const, command: `summary ${label}` }] : []),
        { id: 'show-source', label: 'Show source', kind: 'command', command: `source ${doc.key}` },
      ],
    },
  ];
  return { symbol: doc.symbol, known: true, title, text: [facts, ...lines].join(' · '), reply: reply('answer', blocks) };
}

function unknown(symbol: string | null, link: URL | null, lines: string[]): Preview {
  // Symbols are fetched from the UN's hosts by way of undocs.org, which names them in its path.
  const fetchFrom = symbol ? `https://undocs.org/${symbol}` : link?.href;
  const title = symbol ?? `A document on ${link?.hostname ?? 'a UN host'}`;
  const text = symbol
    ? 'Not in Rapporteur’s store yet; an admin can fetch it.'
    : 'This link does not name the document’s symbol; paste the symbol (as in CMW/C/AZE/CO/3) to see what Rapporteur knows.';
  const blocks: Block[] = [
    { type: 'heading', text: title },
    { type: 'text', text },
    ...lines.map((line): Block => ({ type: 'text', text: line })),
    ...(symbol && fetchFrom ? [{ type: 'actions' as const, actions: [{ id: 'ingest', label: 'Fetch it', kind: 'command' as const, command: `ingest ${fetchFrom}` }] }] : []),
  ];
  return { symbol, known: false, title, text: [text, ...lines].join(' · '), reply: reply('not-found', blocks) };
}

/**
 * The preview of a pasted link or symbol; null when it is neither a link to the UN's document
 * hosts nor a symbol.
 */
export async function preview(pasted: string, ctx: CoreContext): Promise<Preview | null> {
  const link = unDocumentLink(pasted);
  const symbol = link ? symbolOfLink(link) : normalizeSymbol(pasted);
  if (!link && !symbol) return null;
  const doc = symbol ? await ctx.store.document(symbol) : null;
  if (doc) return known(doc, await knownLines(doc, ctx));
  return unknown(symbol, link, symbol ? await followUpLines(symbol, ctx) : []);
}

/** The preview of a stored document, as a search result. */
export async function documentPreview(doc: StoredDocument, ctx: CoreContext): Promise<Preview> {
  return known(doc, await knownLines(doc, ctx));
}

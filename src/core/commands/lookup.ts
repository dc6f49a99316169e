import { countryName, findCountry, normalizeName } from '../../domain/countries.js';
import { isDocumentHost, symbolFromLink } from '../../domain/documentLinks.js';
import { normalizeSymbol } from '../../domain/symbols.js';
import { standing } from '../../deadlines/standing.js';
import type { DocumentSummary, StoredDeadline } from '../../store/records.js';
import { zoneOf, type CoreContext } from '../context.js';
import { deadlineCite, describeStanding } from '../deadlineWords.js';
import { KIND_NAMES, longDate, today } from '../format.js';
import { documentPreview } from '../preview.js';
import { reply, type Reply } from '../reply.js';

/**
 * What a search from the message box finds (Teams' message extension; any platform's search as
 * you type): documents whose symbol, title, kind or State party match every word typed, each as
 * its link preview, then deadlines whose title, State party or symbol do, soonest first. Nothing
 * typed: the newest documents and the deadlines coming. A symbol or a link is that document.
 */

/** As many as a picker shows without scrolling far; Teams shows at most 25. */
export const LOOKUP_LIMIT = 10;

const words = (text: string): string[] => normalizeName(text).split(/\s+/).filter(Boolean);

function matches(haystack: string, needles: readonly string[]): boolean {
  const hay = normalizeName(haystack);
  return needles.every((w) => hay.includes(w));
}

const documentText = (d: DocumentSummary) => [d.symbol, d.key, d.title, KIND_NAMES[d.kind], d.committee, d.country, d.country ? countryName(d.country) : null].filter(Boolean).join(' ');
const deadlineText = (d: StoredDeadline) => [`#${d.id}`, d.title, d.symbol, d.committee, d.country, d.country ? countryName(d.country) : null].filter(Boolean).join(' ');

function deadlineReply(d: StoredDeadline, day: string): Reply {
  const where = d.country ? ` (${countryName(d.country) ?? d.country})` : '';
  const { cite } = deadlineCite(d);
  return reply('answer', [
    { type: 'heading', text: `Deadline #${d.id}: ${d.title}${where}` },
    { type: 'text', text: `Due ${longDate(d.due)}: ${describeStanding(standing(d, day))}.` },
    { type: 'context', text: `Basis: ${d.source === 'person' ? `added by ${d.createdBy ?? 'a person'}` : d.basis}${cite ? ` (${cite.source})` : ''}.` },
    ...(d.country ? [{ type: 'actions' as const, actions: [{ id: 'deadlines', label: 'Deadlines', kind: 'command' as const, command: `deadlines ${d.country}` }] }] : []),
  ]);
}

/** A link to a UN document host that names no symbol (docstore's encrypted file handles): nothing to look up by. */
export function linkWithoutSymbol(host: string): Reply {
  return reply('not-found', [
    { type: 'heading', text: `A document on ${host}` },
    { type: 'text', text: 'This link does not name the document’s symbol; paste the symbol (as in CMW/C/AZE/CO/3) to see what Rapporteur knows.' },
  ]);
}

/** The preview of a pasted link to the UN's document hosts; null for any other link. */
export async function linkPreview(link: string, ctx: CoreContext): Promise<Reply | null> {
  let host: string;
  try {
    host = new URL(link).hostname;
  } catch {
    return null;
  }
  if (!isDocumentHost(host)) return null;
  const symbol = symbolFromLink(link);
  return symbol ? documentPreview({ symbol, link }, ctx) : linkWithoutSymbol(host);
}

export async function lookup(query: string, ctx: CoreContext, limit = LOOKUP_LIMIT): Promise<Reply[]> {
  const typed = query.trim();
  if (/^https?:\/\//i.test(typed)) {
    const one = await linkPreview(typed, ctx);
    if (one) return [one];
  }
  const symbol = normalizeSymbol(typed);
  // Symbols are fetched from the UN's hosts by way of undocs.org, which names them in its path.
  if (symbol) return [await documentPreview({ symbol, link: `https://undocs.org/${symbol}` }, ctx)];

  const day = today(ctx.clock, await zoneOf(ctx));
  const needles = words(typed);
  // A State party's name narrows the read; its words still have to match.
  const country = typed ? findCountry(typed) : null;
  const [docs, deadlines] = await Promise.all([
    ctx.store.listDocuments({ ...(country ? { country } : {}), limit: needles.length ? 1000 : limit }),
    ctx.store.deadlines({ ...(country ? { country } : {}), ...(needles.length ? {} : { open: true }) }),
  ]);
  const foundDocs = docs.filter((d) => matches(documentText(d), needles));
  const foundDeadlines = deadlines
    .filter((d) => matches(deadlineText(d), needles))
    // Nothing typed: what is coming or overdue, not windows long closed.
    .filter((d) => needles.length > 0 || ['upcoming', 'overdue'].includes(standing(d, day).state))
    .sort((a, b) => a.due.localeCompare(b.due));
  // Both kinds get a share of the list when both are found.
  const deadlineShare = Math.min(foundDeadlines.length, foundDocs.length ? Math.ceil(limit / 2) : limit);
  const shownDocs = foundDocs.slice(0, limit - deadlineShare);
  const previews = await Promise.all(shownDocs.map((d) => documentPreview({ symbol: d.symbol ?? d.key, link: `https://undocs.org/${d.symbol ?? d.key}` }, ctx)));
  return [...previews, ...foundDeadlines.slice(0, deadlineShare).map((d) => deadlineReply(d, day))];
}

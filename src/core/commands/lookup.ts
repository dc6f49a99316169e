import { countryName, findCountry, normalizeName } from '../../domain/countries.js';
import { normalizeSymbol } from '../../domain/symbols.js';
import { standing } from '../../deadlines/standing.js';
import type { DocumentSummary, StoredDeadline } from '../../store/records.js';
import { zoneOf, type CoreContext } from '../context.js';
import { deadlineCite, describeStanding } from '../deadlineWords.js';
import { KIND_NAMES, longDate, today } from '../format.js';
import { reply } from '../reply.js';
import { documentPreview, preview, type Preview } from './unfurl.js';

/**
 * What a search from the message box finds (Teams' message extension; any platform's search as
 * you type): documents whose symbol, title, kind or State party match every word typed, and
 * deadlines whose title, State party or symbol do, newest documents and soonest deadlines
 * first. Nothing typed: the deadlines coming soonest and the newest documents.
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

function deadlinePreview(d: StoredDeadline, day: string): Preview {
  const where = d.country ? ` (${countryName(d.country) ?? d.country})` : '';
  const title = `Deadline #${d.id}: ${d.title}${where}`;
  const text = `Due ${longDate(d.due)}: ${describeStanding(standing(d, day))}.`;
  const { cite } = deadlineCite(d);
  return {
    symbol: d.symbol,
    known: true,
    title,
    text,
    reply: reply('answer', [
      { type: 'heading', text: title },
      { type: 'text', text },
      { type: 'context', text: `Basis: ${d.source === 'person' ? `added by ${d.createdBy ?? 'a person'}` : d.basis}${cite ? ` (${cite.source})` : ''}.` },
      ...(d.country ? [{ type: 'actions' as const, actions: [{ id: 'deadlines', label: 'Deadlines', kind: 'command' as const, command: `deadlines ${d.country}` }] }] : []),
    ]),
  };
}

export async function lookup(query: string, ctx: CoreContext, limit = LOOKUP_LIMIT): Promise<Preview[]> {
  const typed = query.trim();
  // A symbol or a link is one document, in the store or not.
  if (normalizeSymbol(typed) || /^https?:\/\//i.test(typed)) {
    const one = await preview(typed, ctx);
    if (one) return [one];
  }
  const day = today(ctx.clock, await zoneOf(ctx));
  const needles = words(typed);
  // A State party's name narrows the read; its words still have to match.
  const country = typed ? findCountry(typed) : null;
  const [docs, deadlines] = await Promise.all([
    ctx.store.listDocuments({ ...(country ? { country } : {}), limit: needles.length ? 1000 : limit }),
    ctx.store.deadlines({ ...(country ? { country } : {}), ...(needles.length ? {} : { open: true }) }),
  ]);
  const foundDeadlines = deadlines
    .filter((d) => matches(deadlineText(d), needles))
    .sort((a, b) => Number(standing(b, day).state === 'overdue') - Number(standing(a, day).state === 'overdue') || a.due.localeCompare(b.due))
    .filter((d) => needles.length > 0 || d.due >= day || standing(d, day).state === 'overdue');
  const foundDocs = docs.filter((d) => matches(documentText(d), needles));
  // Both kinds get a share of the list when both are found.
  const deadlineShare = Math.min(foundDeadlines.length, foundDocs.length ? Math.ceil(limit / 2) : limit);
  const shown = [...foundDeadlines.slice(0, deadlineShare)];
  const docShare = limit - shown.length;
  const full = await Promise.all(
    foundDocs.slice(0, docShare).map(async (d) => {
      const doc = await ctx.store.document(d.key);
      return doc ? documentPreview(doc, ctx) : null;
    }),
  );
  return [...full.filter((p): p is Preview => p !== null), ...shown.map((d) => deadlinePreview(d, day))];
}

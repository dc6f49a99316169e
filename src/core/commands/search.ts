import { countryName } from '../../domain/countries.js';
import { foldAccents, FUNCTION_WORDS, searchTerms, wordStem } from '../../store/search/terms.js';
import type { SearchHit } from '../../store/records.js';
import type { SearchOptions } from '../../store/store.js';
import type { ArgsOf } from '../commandSchemas.js';
import type { CoreContext } from '../context.js';
import { cite, clip, documentLabel, longDate } from '../format.js';
import { reply, type Block, type Reply } from '../reply.js';

/** "search detention of children" and "who spoke about vaccines?". */

/** Words too common to show where a passage matches, or to look for on their own, in English, French and Spanish. */
const COMMON = new Set([
  ...FUNCTION_WORDS,
  'what', 'about', 'who', 'how', 'which', 'any', 'do', 'does', 'did', 'we', 'our', 'you',
  'quoi', 'comment', 'quel', 'quelle', 'nous', 'vous', 'quien', 'cual', 'nosotros',
]);

/**
 * Passages with every word; failing that, passages with some of the telling ones, best
 * first (a chat message shared with "Find in treaty documents" rarely matches whole).
 */
async function find(query: string, options: SearchOptions, ctx: CoreContext): Promise<{ hits: SearchHit[]; some: string[] | null }> {
  const all = await ctx.store.search(query, options);
  if (all.length) return { hits: all, some: null };
  const telling = searchTerms(query).filter((t) => !COMMON.has(t.toLowerCase()));
  if (telling.length < 2) return { hits: [], some: null };
  return { hits: await ctx.store.search(telling.join(' '), { ...options, anyWord: true }), some: telling };
}

/** The part of a paragraph that holds the most of the telling words searched for. */
export function snippet(text: string, terms: readonly string[], width = 220): string {
  const lower = foldAccents(text).toLowerCase();
  const telling = terms.map((t) => t.toLowerCase()).filter((t) => !COMMON.has(t));
  const wanted = telling.length ? telling : terms.map((t) => t.toLowerCase());
  // Each word in whatever form the paragraph has it: "enfants" is found in "enfant".
  const positions = wanted.flatMap((t) => [...lower.matchAll(new RegExp(`\\b${wordStem(t)}`, 'g'))].map((m) => ({ t, at: m.index })));
  let at = 0;
  let best = -1;
  for (const p of positions) {
    const covered = new Set(positions.filter((q) => q.at >= p.at && q.at < p.at + width * 0.8).map((q) => q.t)).size;
    if (covered > best) [best, at] = [covered, p.at];
  }
  const start = at === 0 ? 0 : Math.max(0, text.lastIndexOf(' ', Math.max(0, at - 20)));
  const piece = text.slice(start).trim();
  return `${start > 0 ? '…' : ''}${clip(piece, width)}`;
}

function where(hit: SearchHit): string | null {
  return hit.paragraph.number !== null ? `para. ${hit.paragraph.number}` : `lines ${hit.paragraph.lines[0]}–${hit.paragraph.lines[1]}`;
}

export async function search(args: ArgsOf<'search'>, ctx: CoreContext): Promise<Reply> {
  const terms = searchTerms(args.query);
  if (terms.length === 0) return reply('not-found', [{ type: 'text', text: 'There are no words to search for in that question.' }]);
  const { hits, some } = await find(args.query, { limit: 8, ...(args.country ? { country: args.country } : {}), ...(args.committee ? { committee: args.committee } : {}) }, ctx);
  const scope = args.country ? ` about ${countryName(args.country) ?? args.country}` : '';
  // The words as typed, accents and all: they are searched folded.
  const asked = (args.query.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, terms.length).join(' ');
  if (hits.length === 0) return reply('not-found', [{ type: 'text', text: `Nothing in the stored documents${scope} mentions “${asked}”.` }]);
  const blocks: Block[] = [{ type: 'heading', text: `“${asked}” in the documents${scope}` }];
  if (some) blocks.push({ type: 'context', text: `No passage has all of these words; these have some of them (${some.join(', ')}).` });
  for (const hit of hits) {
    blocks.push({ type: 'quote', text: `${hit.paragraph.speaker ? `${hit.paragraph.speaker}: ` : ''}${snippet(hit.paragraph.text, terms)}`, cite: cite(hit.document, where(hit)) });
  }
  blocks.push({ type: 'context', text: hits.length === 1 ? 'Best match.' : `Best ${hits.length} matches, ranked by relevance.` });
  return reply('answer', blocks);
}

export async function topic(args: ArgsOf<'topic'>, ctx: CoreContext): Promise<Reply> {
  const terms = searchTerms(args.topic);
  const { hits } = terms.length ? await find(args.topic, { limit: 30, spoken: true }, ctx) : { hits: [] };
  if (hits.length === 0) return reply('not-found', [{ type: 'text', text: `No one in the stored summary records speaks about “${terms.join(' ') || args.topic}”.` }]);
  const bySpeaker = new Map<string, SearchHit[]>();
  for (const h of hits) bySpeaker.set(h.paragraph.speaker!, [...(bySpeaker.get(h.paragraph.speaker!) ?? []), h]);
  const items = [...bySpeaker].map(([name, own]) => {
    const refs = own.map((h) => `${documentLabel(h.document)}${h.document.held ? ` (${longDate(h.document.held)})` : ''}, ${where(h)}`);
    return { text: `${name}: ${snippet(own[0]!.paragraph.text, terms, 160)} — ${refs.join('; ')}`, cite: cite(own[0]!.document, where(own[0]!)) };
  });
  return reply('answer', [
    { type: 'heading', text: `Who spoke about “${terms.join(' ')}”` },
    { type: 'list', items },
  ]);
}

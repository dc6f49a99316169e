import { countryName } from '../domain/countries.js';
import { parseSymbol } from '../domain/symbols.js';
import { standing } from '../deadlines/standing.js';
import type { StoredDocument } from '../store/records.js';
import { zoneOf, type CoreContext } from './context.js';
import { describeStanding } from './deadlineWords.js';
import { documentLabel, longDate, plural, today, KIND_NAMES } from './format.js';
import { formatLabels } from '../documents/parse/references.js';
import { reply, type Action, type Block, type Reply } from './reply.js';

/**
 * A document in brief, for a link pasted in a conversation (Slack's unfurls, Teams' link
 * previews): what it is, when, and what the store knows of it, or an offer to fetch it.
 */

/** Speakers named in a preview; the rest are counted. */
const SPEAKERS_SHOWN = 6;

export interface PreviewTarget {
  symbol: string;
  /** The link as pasted: what "Fetch it" reads when the store does not hold the document. */
  link: string;
}

function gradeLine(grades: Awaited<ReturnType<CoreContext['store']['grades']>>): string {
  return grades.map((g) => `${g.paragraph}${g.subparagraphs.length ? ` ${formatLabels(g.subparagraphs)}` : ''} [${g.grade ?? 'in words'}]`).join(', ');
}

/** Concluding observations the store does not hold may still have been evaluated: the evaluation names them. */
async function evaluationOf(symbol: string, ctx: CoreContext): Promise<string | null> {
  const parsed = parseSymbol(symbol);
  if (parsed?.type !== 'concluding-observations' || !parsed.country) return null;
  const evaluation = await ctx.store.latestEvaluation(parsed.country, parsed.committee);
  if (!evaluation || evaluation.details.evaluation?.evaluated.symbol !== symbol) return null;
  const grades = (await ctx.store.grades(evaluation.id)).filter((g) => g.country === parsed.country);
  return grades.length ? `Follow-up evaluated${evaluation.issued ? ` on ${longDate(evaluation.issued)}` : ''}: ${gradeLine(grades)}.` : null;
}

async function whatIsKnown(doc: StoredDocument, ctx: CoreContext): Promise<string | null> {
  if (doc.kind === 'summary-record') {
    const speakers = [...new Set((await ctx.store.interventions(doc.id)).map((i) => i.speaker))].filter((s) => s !== doc.chair && s !== 'The Chair');
    const shown = speakers.slice(0, SPEAKERS_SHOWN).join(', ');
    const more = speakers.length > SPEAKERS_SHOWN ? ` and ${plural(speakers.length - SPEAKERS_SHOWN, 'other')}` : '';
    return [doc.chair ? `Chair: ${doc.chair}.` : null, speakers.length ? `Speakers: ${shown}${more}.` : null].filter(Boolean).join(' ') || null;
  }
  if (doc.kind === 'follow-up-evaluation') {
    const grades = (await ctx.store.grades(doc.id)).filter((g) => !doc.country || g.country === doc.country);
    if (!grades.length) return null;
    return `Follow-up grades: ${gradeLine(grades)}.`;
  }
  const reply = (await ctx.store.deadlines({ symbol: doc.symbol ?? doc.key })).find((d) => d.kind === 'follow-up-reply');
  const paragraphs = doc.details.followUpParagraphs;
  if (!reply && !paragraphs.length) return null;
  const now = today(ctx.clock, await zoneOf(ctx));
  const on = paragraphs.length ? `Follow-up on paras. ${paragraphs.join(', ')}` : 'Follow-up information';
  return reply ? `${on}: due ${longDate(reply.due)}, ${describeStanding(standing(reply, now))}.` : `${on}.`;
}

function dated(doc: StoredDocument): string {
  const about = [doc.committee, doc.country ? (countryName(doc.country) ?? doc.country) : null].filter(Boolean).join(', ');
  const when = doc.held ? `held ${longDate(doc.held)}` : doc.issued ? `issued ${longDate(doc.issued)}` : null;
  return [KIND_NAMES[doc.kind], about || null, when].filter(Boolean).join(' · ');
}

export async function documentPreview(target: PreviewTarget, ctx: CoreContext): Promise<Reply> {
  const doc = await ctx.store.document(target.symbol);
  if (!doc) {
    const fetch: Action[] = target.link.length <= 1900 ? [{ id: 'fetch', label: 'Fetch it', kind: 'command', command: `ingest ${target.link}` }] : [];
    const evaluated = await evaluationOf(target.symbol, ctx);
    return reply('not-found', [
      { type: 'heading', text: target.symbol },
      { type: 'text', text: `${target.symbol} is not in Rapporteur’s store yet. An admin can fetch it.` },
      ...(evaluated ? [{ type: 'text' as const, text: evaluated }] : []),
      ...(fetch.length ? [{ type: 'actions' as const, actions: fetch }] : []),
    ]);
  }
  const label = documentLabel(doc);
  const known = await whatIsKnown(doc, ctx);
  const next: Action =
    doc.kind === 'summary-record'
      ? { id: 'summary', label: 'Summary', kind: 'command', command: `summary ${label}` }
      : doc.country
        ? { id: 'status', label: 'Follow-up status', kind: 'command', command: `status ${doc.country}` }
        : { id: 'document', label: 'Details', kind: 'command', command: `doc ${label}` };
  const blocks: Block[] = [
    { type: 'heading', text: `${label}${doc.title ? `: ${doc.title}` : ''}` },
    { type: 'context', text: dated(doc) },
    ...(known ? [{ type: 'text' as const, text: known }] : []),
    { type: 'actions', actions: [next] },
  ];
  return reply('answer', blocks);
}

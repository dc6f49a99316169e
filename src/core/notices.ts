import { DateTime } from 'luxon';
import { countryName } from '../domain/countries.js';
import { addToDate } from '../domain/dates.js';
import { formatRef } from '../documents/parse/references.js';
import type { StoredDeadline, StoredDocument } from '../store/records.js';
import type { Channel, PersonalReminder } from '../domain/conversations.js';
import type { Store } from '../store/store.js';
import { ErrorCode } from '../errors.js';
import type { IngestResult } from '../ingest/ingest.js';
import { followUpStatusOf, standing } from '../deadlines/standing.js';
import { deadlineCite, describeStanding } from './deadlineWords.js';
import { renderSummary } from './commands/summary.js';
import { cite, documentLabel, KIND_NAMES, longDate, plural } from './format.js';
import { reply, type Action, type Block, type ListItem, type Reply } from './reply.js';

/** What the bot says unprompted: reminders, digests and new meeting summaries. */

export function deadlineActions(d: StoredDeadline): Action[] {
  const statusOf = followUpStatusOf(d);
  return [
    { id: 'snooze-day', label: 'Snooze 1 day', kind: 'command', command: `snooze ${d.id} 1 day` },
    { id: 'snooze-week', label: 'Snooze 1 week', kind: 'command', command: `snooze ${d.id} 1 week` },
    { id: 'done', label: 'Done', kind: 'command', command: `done ${d.id}`, style: 'primary' },
    ...(statusOf ? [{ id: 'status', label: 'Follow-up status', kind: 'command' as const, command: `status ${statusOf}` }] : []),
  ];
}

function deadlineItem(d: StoredDeadline, today: string): ListItem {
  return {
    text: `#${d.id} ${d.title}${d.country ? ` (${countryName(d.country) ?? d.country})` : ''}: due ${longDate(d.due)}, ${describeStanding(standing(d, today))}`,
    ...deadlineCite(d),
  };
}

export function deadlineReminder(d: StoredDeadline, today: string): Reply {
  const s = standing(d, today);
  const blocks: Block[] = [
    { type: 'heading', text: `${s.state === 'overdue' ? 'Overdue' : 'Reminder'}: ${d.title}` },
    { type: 'text', text: `Due ${longDate(d.due)}: ${describeStanding(s)}.${d.country ? ` State party: ${countryName(d.country) ?? d.country}.` : ''}` },
    { type: 'context', text: `Basis: ${d.source === 'person' ? `added by ${d.createdBy ?? 'a person'}` : d.basis}${d.symbol ? ` (${d.symbol})` : ''}. Deadline #${d.id}.` },
    { type: 'actions', actions: deadlineActions(d) },
  ];
  return { ...reply('answer', blocks), view: { kind: 'deadline-reminder', deadline: d.id } };
}

export function personalReminder(r: PersonalReminder, understood: boolean): Reply {
  return reply('answer', [
    { type: 'heading', text: 'Reminder' },
    { type: 'text', text: r.text },
    { type: 'context', text: `Set by ${r.createdBy}.` },
    ...(understood ? [{ type: 'actions' as const, actions: [{ id: 'ask', label: 'Ask now', kind: 'command' as const, command: r.text }] }] : []),
  ]);
}

export function meetingSummaryNotice(doc: StoredDocument, blocks: Block[]): Reply {
  return reply('answer', [{ type: 'context', text: `New summary record: ${documentLabel(doc)}` }, ...blocks]);
}

/**
 * A new document other than a meeting record: what it is, whose, and what it meets ("Azerbaijan's
 * follow-up reply CMW/C/AZE/FCO/3 arrived, 101 days after it was due").
 */
export function newDocumentNotice(doc: StoredDocument, met: readonly StoredDeadline[]): Reply {
  const state = doc.country ? countryName(doc.country) ?? doc.country : null;
  const what = `${state ? `${state}’s ` : ''}${KIND_NAMES[doc.kind].toLowerCase()} ${doc.symbol ?? doc.key}`;
  const late = met.find((d) => d.daysLate !== null);
  const when = late?.daysLate ? `, ${Math.abs(late.daysLate)} day${Math.abs(late.daysLate) === 1 ? '' : 's'} ${late.daysLate > 0 ? 'after' : 'before'} it was due` : late ? ', on the day it was due' : '';
  const blocks: Block[] = [
    { type: 'text', text: `${what.charAt(0).toUpperCase()}${what.slice(1)} arrived${when}.` },
    ...(doc.title ? [{ type: 'context' as const, text: `${doc.title}${doc.issued ? ` (issued ${longDate(doc.issued)})` : ''}` }] : []),
    { type: 'actions', actions: [{ id: 'document', label: 'Show document', kind: 'command', command: `doc ${doc.symbol ?? doc.key}` }] },
  ];
  return reply('answer', blocks);
}

export async function newRecordNotice(store: Store, doc: StoredDocument): Promise<Reply> {
  const [paragraphs, interventions] = await Promise.all([store.paragraphs(doc.id), store.interventions(doc.id)]);
  return meetingSummaryNotice(doc, renderSummary(doc, paragraphs, interventions));
}

/** How far ahead a digest looks. */
export const DIGEST_DAYS = 30;

/** A digest in parts: the counts for a short parent message, the details for its thread, and both as one message. */
export interface DigestParts {
  counts: { overdue: number; dueThisWeek: number; newDocuments: number; changedGrades: number };
  /** One short message: the day and the counts. */
  parent: Reply;
  /** The lists, for the parent's thread. */
  details: Reply;
  /** Everything in one message (a direct message, "digest now"). */
  whole: Reply;
}

/**
 * A channel's digest: overdue items, what is due within 30 days, documents that arrived
 * since the last digest, grades that changed. Null when there is nothing to say.
 */
export async function buildDigest(store: Store, channel: Channel, today: string, since: string | null): Promise<Reply | null> {
  return (await buildDigestParts(store, channel, today, since))?.whole ?? null;
}

export async function buildDigestParts(store: Store, channel: Channel, today: string, since: string | null): Promise<DigestParts | null> {
  const subs = await store.conversations.subscriptions(channel);
  const countries = subs.filter((s) => s.kind === 'country').map((s) => s.value);
  const committees = subs.filter((s) => s.kind === 'committee').map((s) => s.value);
  const open = [];
  for (const d of await store.conversations.deadlinesFollowed(channel)) {
    if ((await store.conversations.reminderState(channel, d.id)).doneAt) continue;
    open.push(d);
  }
  const horizon = addToDate(today, { days: DIGEST_DAYS });
  const overdue = open.filter((d) => standing(d, today).state === 'overdue');
  const soon = open.filter((d) => standing(d, today).state === 'upcoming' && d.due <= horizon);
  const arrived = since ? await store.documentsSince(since, { countries, committees }) : [];
  const changed: ListItem[] = [];
  for (const doc of arrived.filter((d) => d.kind === 'follow-up-evaluation' && d.issued)) {
    const now = await store.grades(doc.id);
    // Each State the evaluation grades against that State's previous evaluation by the same committee.
    for (const country of new Set(now.map((g) => g.country ?? doc.country).filter((c): c is string => c !== null))) {
      const previous = await store.evaluationBefore(country, doc.issued!, doc.committee);
      if (!previous) continue;
      const before = (await store.grades(previous.id)).filter((b) => (b.country ?? previous.country) === country);
      for (const g of now.filter((x) => (x.country ?? doc.country) === country)) {
        const old = before.find((b) => b.paragraph === g.paragraph && b.subparagraphs.join() === g.subparagraphs.join());
        if (old && (old.grade !== g.grade || (g.grade === null && old.assessment !== g.assessment))) {
          changed.push({ text: `${countryName(country) ?? country} ${formatRef({ paragraph: g.paragraph, subparagraphs: g.subparagraphs })}: ${gradeWords(old)} → ${gradeWords(g)}`.trim(), cite: cite(doc, `para. ${g.paragraph}`) });
        }
      }
    }
  }
  if (!overdue.length && !soon.length && !arrived.length && !changed.length) return null;
  // This week: to its Sunday, the end of the ISO week.
  const sunday = DateTime.fromISO(today).endOf('week').toISODate()!;
  const thisWeek = soon.filter((d) => d.due <= sunday);
  const later = soon.filter((d) => d.due > sunday);
  const heading: Block = { type: 'heading', text: `Digest for ${longDate(today)}` };
  const lists: Block[] = [];
  if (overdue.length) lists.push({ type: 'list', title: 'Overdue', items: overdue.map((d) => deadlineItem(d, today)) });
  if (thisWeek.length) lists.push({ type: 'list', title: `Due this week (to ${longDate(sunday)})`, items: thisWeek.map((d) => deadlineItem(d, today)) });
  if (later.length) lists.push({ type: 'list', title: `Due in the next ${DIGEST_DAYS} days`, items: later.map((d) => deadlineItem(d, today)) });
  if (arrived.length) lists.push({ type: 'list', title: 'New documents', items: arrived.map((d) => ({ text: `${d.title ?? d.kind}${d.issued ? `, ${longDate(d.issued)}` : ''}`, cite: cite(d, null) })) });
  if (changed.length) lists.push({ type: 'list', title: 'Grades that changed', items: changed });
  const following: Block = { type: 'context', text: `Following ${subs.map((s) => (s.kind === 'country' ? countryName(s.value) ?? s.value : s.value)).join(', ')}.` };
  const counts = { overdue: overdue.length, dueThisWeek: thisWeek.length, newDocuments: arrived.length, changedGrades: changed.length };
  const summary = `${counts.overdue} overdue · ${counts.dueThisWeek} due this week · ${plural(counts.newDocuments, 'new document')} · ${plural(counts.changedGrades, 'changed grade')}`;
  return {
    counts,
    parent: reply('answer', [heading, { type: 'text', text: summary }, { type: 'context', text: 'Details in the thread.' }]),
    details: reply('answer', [...lists, following]),
    whole: reply('answer', [heading, ...lists, following]),
  };
}

/** "[B] partially implemented", or the words alone when the committee gave no letter. */
function gradeWords(g: { grade: string | null; assessment: string | null }): string {
  return [g.grade === null ? null : `[${g.grade}]`, g.assessment].filter(Boolean).join(' ') || 'no assessment';
}

export function emptyDigest(today: string, subscriptions: number): Reply {
  return reply('answer', [
    { type: 'heading', text: `Digest for ${longDate(today)}` },
    { type: 'text', text: subscriptions ? 'Nothing is overdue or due soon, and no new documents arrived.' : 'This conversation follows nothing yet: try “follow Azerbaijan”.' },
    { type: 'context', text: plural(subscriptions, 'subscription') },
  ]);
}

/** What became of a document shared in chat or linked: stored, unchanged, replaced, or why not. */
export function ingestResultNotice(result: IngestResult, what: string, requestedBy: string): Reply {
  if (result.status === 'failed') {
    // A symbol's failure already names it: "CMW/C/AZE/FCO/4 is not published yet (...)".
    const message = result.error?.message ?? '';
    const text = message.startsWith(what) || message.startsWith(`“${what}”`) ? `${message}. Nothing was stored.` : `Could not read ${what}: ${message}`;
    return reply('error', [{ type: 'text', text: `${text} [${result.error?.code}]` }], result.error?.code);
  }
  const done =
    result.status === 'unchanged'
      ? 'Already in the store'
      : result.status === 'replaced'
        ? `Replaced with version ${result.version}${result.changes ? ` (${result.changes})` : ''}`
        : 'Stored';
  const warnings = result.warnings.length ? ` ${result.warnings.length} warning(s) from reading it; “doc ${result.key}” lists them.` : '';
  return reply('answer', [{ type: 'text', text: `${done}: ${result.key}, requested by ${requestedBy}.${warnings}` }]);
}

/** To whoever set up a conversation's follows, when the bot can no longer post there. */
export function deliveryFailureNotice(channelId: string, why: string): Reply {
  return reply(
    'error',
    [{ type: 'text', text: `Rapporteur cannot post in channel ${channelId}: ${why}. Reminders and digests there stop until this is fixed (for example by inviting the app back to the channel).` }],
    ErrorCode.DeliveryFailed,
  );
}

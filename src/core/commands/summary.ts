import { ordinalSuffix } from '../../domain/ordinals.js';
import type { StoredDocument, StoredIntervention, StoredParagraph } from '../../store/records.js';
import type { ArgsOf } from '../commandSchemas.js';
import type { CoreContext } from '../context.js';
import { cite, clip, documentLabel, longDate, paragraphsLabel } from '../format.js';
import { firstSentence, questionsIn, withoutOpening } from '../gist.js';
import { GROUP_NAMES, answers, groupOf, type Group } from '../participants.js';
import { reply, type Block, type ListItem, type Reply } from '../reply.js';

/**
 * "summary 463": a meeting in brief, taken from its record and nothing else: who chaired,
 * the agenda, the time span, who took part, one line per intervention and the questions
 * asked with who answered them.
 */

async function findMeeting(args: ArgsOf<'summary'>, ctx: CoreContext): Promise<StoredDocument[]> {
  if (args.symbol) {
    const doc = await ctx.store.document(args.symbol);
    return doc ? [doc] : [];
  }
  return args.meeting ? ctx.store.meetings(args.meeting, args.committee) : [];
}

function timeSpan(doc: StoredDocument): string | null {
  const times = doc.details.meeting?.times ?? [];
  const start = times.find((t) => t.event === 'called-to-order' || t.event === 'discussion-began')?.time ?? doc.details.meeting?.time ?? null;
  const end = [...times].reverse().find((t) => t.event === 'rose' || t.event === 'discussion-ended' || t.event === 'closed')?.time ?? null;
  const breaks = times.filter((t) => t.event === 'suspended').length;
  if (!start && !end) return null;
  return `${start ?? '?'}–${end ?? '?'}${breaks ? ` (suspended ${breaks === 1 ? 'once' : `${breaks} times`})` : ''}`;
}

export async function summary(args: ArgsOf<'summary'>, ctx: CoreContext): Promise<Reply> {
  const found = await findMeeting(args, ctx);
  const wanted = args.symbol ?? `meeting ${args.meeting}`;
  if (found.length === 0) {
    return reply('not-found', [
      { type: 'text', text: `No summary record of ${wanted} is in the store.` },
      { type: 'context', text: 'Records are often issued weeks after a meeting; “documents” lists what the store holds.' },
    ]);
  }
  if (found.length > 1) {
    return reply('answer', [
      { type: 'text', text: `Several committees held a ${wanted}. Which one?` },
      { type: 'actions', actions: found.slice(0, 5).map((d) => ({ id: `summary-${d.key}`, label: d.symbol ?? d.key, kind: 'command' as const, command: `summary ${d.symbol ?? d.key}` })) },
    ]);
  }
  const doc = found[0]!;
  if (doc.kind !== 'summary-record') {
    return reply('not-found', [{ type: 'text', text: `${documentLabel(doc)} is not a summary record; try “doc ${documentLabel(doc)}”.` }]);
  }
  const [paragraphs, interventions] = await Promise.all([ctx.store.paragraphs(doc.id), ctx.store.interventions(doc.id)]);
  return reply('answer', renderSummary(doc, paragraphs, interventions));
}

function textOf(v: StoredIntervention, byNumber: Map<number, StoredParagraph>): string {
  return v.paragraphs.map((n) => byNumber.get(n)?.text ?? '').join(' ');
}

export function renderSummary(doc: StoredDocument, paragraphs: StoredParagraph[], interventions: StoredIntervention[]): Block[] {
  const m = doc.details.meeting;
  const byNumber = new Map(paragraphs.map((p) => [p.number ?? p.position, p]));
  const label = documentLabel(doc);
  const fields = [
    { label: 'Meeting', value: `${doc.meeting ? `${ordinalSuffix(doc.meeting)} meeting` : label}${m?.part ? ` (${m.part})` : ''}${doc.committee ? `, ${doc.committee}` : ''}` },
    ...(doc.session ? [{ label: 'Session', value: `${ordinalSuffix(doc.session)}` }] : []),
    { label: 'Held', value: `${longDate(doc.held)}${timeSpan(doc) ? `, ${timeSpan(doc)}` : ''}${m?.place ? `, ${m.place}` : ''}` },
    { label: 'Chair', value: m?.chairs.length ? m.chairs.map((c) => `${c.name}${c.role ? ` (${c.role})` : ''}${c.later ? ', later' : ''}`).join('; ') : 'not stated' },
  ];
  const blocks: Block[] = [{ type: 'heading', text: `${label}: ${doc.title ?? 'summary record'}` }, { type: 'fields', fields }];
  if (m?.agenda.length) {
    blocks.push({ type: 'list', title: 'Agenda', items: m.agenda.map((a) => ({ text: `${a.title}${a.continued ? ' (continued)' : ''}` })) });
  }

  // "The Chair" is named where the record says who chaired, and only one person did.
  const chairs = m?.chairs.filter((c) => !c.later) ?? [];
  const chair = chairs.length === 1 && m?.chairs.length === 1 ? chairs[0]!.name : null;
  const groups = new Map<Group, Set<string>>();
  const groupBySpeaker = new Map<string, Group>();
  for (const v of interventions) {
    const group = groupOf(v.speaker, v.role, v.phrase);
    groupBySpeaker.set(v.speakerKey, groupBySpeaker.get(v.speakerKey) ?? group);
    const name = /^the chair$/i.test(v.speaker) && chair ? `${chair} (Chair)` : `${v.speaker}${v.role && group !== 'committee' ? ` (${v.role})` : ''}`;
    groups.set(group, (groups.get(group) ?? new Set()).add(name));
  }
  if (groups.size) {
    const order: Group[] = ['committee', 'state', 'nhri', 'ngo', 'un', 'other'];
    blocks.push({
      type: 'list',
      title: 'Participants',
      items: order.filter((g) => groups.has(g)).map((g) => ({ text: `${GROUP_NAMES[g]}: ${[...groups.get(g)!].join(', ')}` })),
    });
  }

  // What each said, without "Mr. X (role), speaking ..., said that": read once, used twice.
  const said = interventions.map((v) => withoutOpening(textOf(v, byNumber)));
  const lines: ListItem[] = interventions.map((v, i) => ({
    text: `${v.speaker}: ${firstSentence(said[i]!, 200)}`,
    cite: cite(doc, paragraphsLabel(v.paragraphs)),
  }));
  if (lines.length) blocks.push({ type: 'list', title: 'Interventions', items: lines });

  // A question is answered by the next intervention of someone appearing before the committee.
  const questions: ListItem[] = [];
  interventions.forEach((v, i) => {
    if (groupBySpeaker.get(v.speakerKey) !== 'committee') return;
    const asked = questionsIn(said[i]!);
    if (asked.length === 0) return;
    const answer = interventions.slice(i + 1).find((w) => answers(groupBySpeaker.get(w.speakerKey) ?? 'other'));
    const by = answer ? ` Answered by ${answer.speaker} (${paragraphsLabel(answer.paragraphs)}).` : ' No answer recorded.';
    questions.push({ text: `${v.speaker}: ${clip(asked.join(' '), 260)}${by}`, cite: cite(doc, paragraphsLabel(v.paragraphs)) });
  });
  if (questions.length) blocks.push({ type: 'list', title: 'Questions', items: questions });

  blocks.push({ type: 'context', text: `Source: ${label}${doc.issued ? `, issued ${longDate(doc.issued)}` : ''}. Extracted from the record; nothing added.` });
  blocks.push({
    type: 'actions',
    actions: [
      { id: 'show-source', label: 'Show source', kind: 'command', command: `source ${doc.key}` },
      { id: 'share', label: 'Share in channel', kind: 'share' },
    ],
  });
  return blocks;
}

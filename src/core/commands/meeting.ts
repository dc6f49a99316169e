import { splitSentences } from '../../documents/parse/assessment.js';
import { speakerKey } from '../../documents/parse/speakers.js';
import type { DocumentSummary, StoredDocument } from '../../store/records.js';
import { foldAccents, FUNCTION_WORDS } from '../../store/search/terms.js';
import type { ArgsOf } from '../commandSchemas.js';
import type { CoreContext } from '../context.js';
import { cite, clip, documentLabel, longDate, paragraphsLabel } from '../format.js';
import { gist, questionsIn, withoutOpening } from '../gist.js';
import { GROUP_NAMES, groupOf } from '../participants.js';
import { reply, type Block, type ListItem, type Reply } from '../reply.js';
import { questionsAndReplies, replyWords } from './summary.js';

/**
 * Questions about meetings that name no one person: what a group said ("what did the NGOs
 * say"), who answered a member, one paragraph of a record ("para 10 of 463").
 */

const LIMIT = 12;
/** A group as the subject of a sentence. */
const GROUP_SUBJECT: Record<ArgsOf<'group'>['group'], string> = {
  committee: 'committee members',
  state: 'the State delegation',
  nhri: 'the national human rights institution',
  ngo: 'non-governmental organizations',
  un: 'United Nations bodies',
};
const FILLER = new Set(['about', 'regarding', 'concerning', 'with', 'from', 'that', 'this', 'their', 'they', 'said', 'what']);

/** The stems a topic is recognised by: "vaccines" finds "vaccine" and "vaccinated". */
export function topicStems(topic: string): string[] {
  return (foldAccents(topic).toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => !FILLER.has(w) && !FUNCTION_WORDS.has(w)).map((w) => w.slice(0, Math.max(4, Math.min(6, w.length - 1))));
}

/** The sentences of a text that touch every stem of a topic, or none; "detention" finds "détention". */
export function sentencesAbout(text: string, stems: readonly string[]): string[] {
  return splitSentences(text).filter((s) => {
    const folded = foldAccents(s).toLowerCase();
    return stems.every((stem) => folded.includes(stem));
  });
}

async function records(ctx: CoreContext, meeting: number | undefined): Promise<StoredDocument[] | DocumentSummary[]> {
  return meeting ? ctx.store.meetings(meeting) : ctx.store.listDocuments({ kind: 'summary-record', limit: 20 });
}

const noRecord = (meeting: number): Reply => reply('not-found', [{ type: 'text', text: `No summary record of meeting ${meeting} is in the store.` }, { type: 'context', text: '“documents” lists what the store holds.' }]);

export async function group(args: ArgsOf<'group'>, ctx: CoreContext): Promise<Reply> {
  const docs = await records(ctx, args.meeting);
  if (args.meeting && docs.length === 0) return noRecord(args.meeting);
  const stems = args.topic ? topicStems(args.topic) : [];
  const items: ListItem[] = [];
  for (const doc of docs) {
    const [interventions, paragraphs] = await Promise.all([ctx.store.interventions(doc.id), ctx.store.paragraphs(doc.id)]);
    const byNumber = new Map(paragraphs.map((p) => [p.number ?? p.position, p.text]));
    for (const v of interventions) {
      if (groupOf(v.speaker, v.role, v.phrase) !== args.group) continue;
      const text = v.paragraphs.map((n) => byNumber.get(n) ?? '').join(' ');
      const about = stems.length ? sentencesAbout(withoutOpening(text), stems) : [];
      if (stems.length && about.length === 0) continue;
      const asked = args.focus === 'questions' ? questionsIn(withoutOpening(text)) : [];
      if (args.focus === 'questions' && asked.length === 0 && !about.length) continue;
      const said = about.length ? clip(about.join(' '), 320) : asked.length ? clip(asked.join(' '), 320) : gist(text, 260);
      items.push({ text: `${v.speaker}${v.role ? ` (${v.role})` : ''}, ${documentLabel(doc)}: ${said}`, cite: cite(doc, paragraphsLabel(v.paragraphs)) });
      if (items.length >= LIMIT) break;
    }
  }
  const who = GROUP_NAMES[args.group];
  const where = args.meeting ? ` at meeting ${args.meeting}` : '';
  if (items.length === 0) {
    return reply('not-found', [
      { type: 'text', text: `${who}: no one${args.topic ? ` spoke about “${args.topic}”` : ' spoke'}${where} in the stored records.` },
      { type: 'context', text: 'Groups: committee members, the State delegation, the national human rights institution, NGOs, United Nations bodies.' },
    ]);
  }
  const blocks: Block[] = [{ type: 'heading', text: `What ${GROUP_SUBJECT[args.group]} ${args.focus === 'questions' ? 'asked' : 'said'}${args.topic ? ` about ${args.topic}` : ''}${where}` }, { type: 'list', items }];
  if (items.length >= LIMIT) blocks.push({ type: 'context', text: `The first ${LIMIT}; add a meeting number to narrow, as in “what did the NGOs say at 463”.` });
  return reply('answer', blocks);
}

export async function answersTo(args: ArgsOf<'answers'>, ctx: CoreContext): Promise<Reply> {
  const docs = await records(ctx, args.meeting);
  if (args.meeting && docs.length === 0) return noRecord(args.meeting);
  const key = speakerKey(args.name);
  const surname = key.split(' ').at(-1) ?? key;
  const items: ListItem[] = [];
  let asker: string | null = null;
  for (const doc of docs) {
    const [interventions, paragraphs] = await Promise.all([ctx.store.interventions(doc.id), ctx.store.paragraphs(doc.id)]);
    for (const q of questionsAndReplies(interventions, paragraphs)) {
      if (q.asker.speakerKey !== key && q.asker.speakerKey.split(' ').at(-1) !== surname) continue;
      asker ??= q.asker.speaker;
      items.push({ text: `${documentLabel(doc)}${doc.held ? ` (${longDate(doc.held)})` : ''}, ${paragraphsLabel(q.asker.paragraphs)}: ${clip(q.asked, 220)} ${replyWords(q.reply)}`, cite: cite(doc, paragraphsLabel(q.asker.paragraphs)) });
    }
  }
  if (items.length === 0) {
    return reply('not-found', [{ type: 'text', text: `No question by ${args.name} is recorded${args.meeting ? ` at meeting ${args.meeting}` : ''} in the stored summary records.` }, { type: 'context', text: 'Try “what did … ask?” to see what someone said.' }]);
  }
  return reply('answer', [
    { type: 'heading', text: `Who answered ${asker}` },
    { type: 'list', items },
    { type: 'context', text: 'An answer is named only where the record shows it; otherwise the next reply is named as such.' },
  ]);
}

export async function recordParagraph(args: ArgsOf<'paragraph'>, ctx: CoreContext): Promise<Reply> {
  const docs = args.symbol ? [await ctx.store.document(args.symbol)].filter((d) => d !== null) : args.meeting ? await ctx.store.meetings(args.meeting, args.committee) : [];
  const wanted = args.symbol ?? `meeting ${args.meeting}`;
  if (docs.length === 0) return reply('not-found', [{ type: 'text', text: `No record of ${wanted} is in the store.` }]);
  if (docs.length > 1) {
    return reply('answer', [
      { type: 'text', text: `Several committees held a ${wanted}. Which one?` },
      { type: 'actions', actions: docs.slice(0, 5).map((d) => ({ id: `paragraph-${d.key}`, label: d.symbol ?? d.key, kind: 'command' as const, command: `para ${args.paragraph} of ${d.symbol ?? d.key}` })) },
    ]);
  }
  const doc = docs[0]!;
  const [paragraph] = await ctx.store.paragraphsByNumber(doc.id, [args.paragraph]);
  if (!paragraph) {
    const count = (await ctx.store.paragraphs(doc.id)).filter((p) => p.number !== null).length;
    return reply('not-found', [{ type: 'text', text: `${documentLabel(doc)} has no paragraph ${args.paragraph}; its paragraphs are numbered 1 to ${count}.` }]);
  }
  const speaker = (await ctx.store.interventions(doc.id)).find((v) => v.paragraphs.includes(args.paragraph));
  return reply('answer', [
    { type: 'heading', text: `${documentLabel(doc)}, para. ${args.paragraph}${speaker ? `: ${speaker.speaker}` : ''}` },
    { type: 'quote', text: paragraph.text, cite: cite(doc, `para. ${args.paragraph}`) },
    {
      type: 'actions',
      actions: [
        { id: 'show-source', label: 'Show source', kind: 'command', command: `source ${doc.key} para ${args.paragraph}` },
        { id: 'summary', label: 'Summary', kind: 'command', command: `summary ${doc.symbol ?? doc.key}` },
      ],
    },
  ]);
}

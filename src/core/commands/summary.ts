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
  if (args.latest) {
    // The meeting held last, not the record issued last: records come out weeks after.
    const records = await ctx.store.listDocuments({ kind: 'summary-record', ...(args.committee ? { committee: args.committee } : {}) });
    const last = [...records].sort((a, b) => (b.held ?? b.issued ?? '').localeCompare(a.held ?? a.issued ?? ''))[0];
    const doc = last ? await ctx.store.document(last.key) : null;
    return doc ? [doc] : [];
  }
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
  const wanted = args.symbol ?? (args.latest ? `any meeting${args.committee ? ` of ${args.committee}` : ''}` : `meeting ${args.meeting}`);
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
  return reply('answer', await summaryBlocks(doc, ctx));
}

/** A record's summary changes only with a new version of it: kept per store, for the records asked about most. */
const rendered = new WeakMap<object, Map<string, Block[]>>();
const RENDERED_PER_STORE = 64;

async function summaryBlocks(doc: StoredDocument, ctx: CoreContext): Promise<Block[]> {
  const cache = rendered.get(ctx.store) ?? new Map<string, Block[]>();
  rendered.set(ctx.store, cache);
  const key = `${doc.id}:${doc.version}`;
  const known = cache.get(key);
  if (known) return [...known];
  const [paragraphs, interventions] = await Promise.all([ctx.store.paragraphs(doc.id), ctx.store.interventions(doc.id)]);
  const blocks = renderSummary(doc, paragraphs, interventions);
  if (cache.size >= RENDERED_PER_STORE) cache.delete(cache.keys().next().value!);
  cache.set(key, blocks);
  return blocks;
}

function textOf(v: StoredIntervention, byNumber: Map<number, StoredParagraph>): string {
  return v.paragraphs.map((n) => byNumber.get(n)?.text ?? '').join(' ');
}

const STOP = new Set(['about', 'after', 'also', 'been', 'could', 'from', 'have', 'into', 'more', 'other', 'such', 'that', 'their', 'there', 'these', 'they', 'this', 'those', 'were', 'what', 'when', 'whether', 'which', 'with', 'would', 'asked', 'know', 'like', 'welcome', 'information', 'interesting', 'clarification']);

/** The words of a text that can carry a subject, cut to a common stem ("violations", "violation"). */
function stems(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => !STOP.has(w)).map((w) => w.slice(0, 7));
}

/** Those words, and runs of three of them ("nation human rights"), which name a subject even when each word is common. */
function contentWords(text: string): string[] {
  const words = stems(text);
  return [...new Set([...words, ...words.slice(2).map((w, i) => `${words[i]} ${words[i + 1]} ${w}`)])];
}

/**
 * Which of the wanted words and runs each paragraph holds, and those held by at most a fifth of
 * the record's paragraphs: a rare one shared with a question shows a reply takes it up. Only the
 * questions' own words are looked for, so a long record costs a scan, not a set of every run in it.
 */
function subjectWords(paragraphs: StoredParagraph[], wanted: ReadonlySet<string>): { of: Map<number, Set<string>>; rare: Set<string> } {
  const parts = new Set([...wanted].flatMap((w) => w.split(' ')));
  const of = new Map<number, Set<string>>();
  const counts = new Map<string, number>();
  for (const p of paragraphs) {
    const words = stems(p.text);
    const held = new Set<string>();
    words.forEach((w, i) => {
      if (wanted.has(w)) held.add(w);
      if (i >= 2 && parts.has(w) && parts.has(words[i - 1]!) && parts.has(words[i - 2]!)) {
        const run = `${words[i - 2]} ${words[i - 1]} ${w}`;
        if (wanted.has(run)) held.add(run);
      }
    });
    of.set(p.number ?? p.position, held);
    for (const w of held) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const limit = Math.max(2, Math.floor(paragraphs.length / 5));
  return { of, rare: new Set([...counts].filter(([, n]) => n <= limit).map(([w]) => w)) };
}

export interface QuestionAndReply {
  asker: StoredIntervention;
  asked: string;
  /** Who answered and in which paragraphs, or only who spoke next, or no one. */
  reply: { speaker: string; paragraphs: number[]; shown: boolean } | null;
}

/**
 * The questions committee members asked in a record and the reply to each. A reply answers a
 * question only where the record shows it: it comes straight after a lone question, or one of its
 * paragraphs shares at least two words or phrases of the question that few other paragraphs use.
 * Otherwise it is only the next reply.
 */
export function questionsAndReplies(interventions: StoredIntervention[], paragraphs: StoredParagraph[], said?: readonly string[]): QuestionAndReply[] {
  const byNumber = new Map(paragraphs.map((p) => [p.number ?? p.position, p]));
  const group = new Map<string, Group>();
  for (const v of interventions) group.set(v.speakerKey, group.get(v.speakerKey) ?? groupOf(v.speaker, v.role, v.phrase));
  const askedBy = interventions.map((v, i) => (group.get(v.speakerKey) === 'committee' ? questionsIn(said?.[i] ?? withoutOpening(textOf(v, byNumber))) : []));
  const wantedBy = askedBy.map((asked) => (asked.length ? contentWords(asked.join(' ')) : []));
  // Only a batch of questions before one reply needs the words compared.
  let words: ReturnType<typeof subjectWords> | null = null;
  const out: QuestionAndReply[] = [];
  interventions.forEach((v, i) => {
    const asked = askedBy[i]!;
    if (asked.length === 0) return;
    const at = interventions.findIndex((w, j) => j > i && answers(group.get(w.speakerKey) ?? 'other'));
    const answer = at < 0 ? undefined : interventions[at]!;
    if (!answer) return out.push({ asker: v, asked: asked.join(' '), reply: null });
    const alone = at === i + 1 && (i === 0 || group.get(interventions[i - 1]!.speakerKey) !== 'committee');
    let taking: number[] = [];
    if (!alone) {
      words ??= subjectWords(paragraphs, new Set(wantedBy.flat()));
      const { of, rare } = words;
      const wanted = wantedBy[i]!.filter((w) => rare.has(w));
      taking = answer.paragraphs.filter((n) => wanted.filter((w) => of.get(n)?.has(w)).length >= 2);
    }
    const shown = alone || taking.length > 0;
    out.push({ asker: v, asked: asked.join(' '), reply: { speaker: answer.speaker, paragraphs: alone || !shown ? answer.paragraphs : taking, shown } });
  });
  return out;
}

export function replyWords(r: QuestionAndReply['reply']): string {
  if (!r) return 'No reply recorded.';
  const where = paragraphsLabel(r.paragraphs);
  return r.shown ? `Answered by ${r.speaker} (${where}).` : `The next reply was ${r.speaker}’s (${where}); the record does not show it taking up this question.`;
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
    const name = /^(?:the chair|le pr[ée]sident|la pr[ée]sidente|el presidente|la presidenta)$/i.test(v.speaker) && chair ? `${chair} (Chair)` : `${v.speaker}${v.role && group !== 'committee' ? ` (${v.role})` : ''}`;
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

  const replies = questionsAndReplies(interventions, paragraphs, said);
  const questions: ListItem[] = replies.map((q) => ({ text: `${q.asker.speaker}: ${clip(q.asked, 260)} ${replyWords(q.reply)}`, cite: cite(doc, paragraphsLabel(q.asker.paragraphs)) }));
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

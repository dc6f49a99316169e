import { distance } from 'fastest-levenshtein';
import { speakerKey } from '../../documents/parse/speakers.js';
import type { DocumentSummary, StoredIntervention } from '../../store/records.js';
import type { ArgsOf } from '../commandSchemas.js';
import type { CoreContext } from '../context.js';
import { cite, clip, documentLabel, longDate, paragraphsLabel } from '../format.js';
import { gist, questionsIn, withoutOpening } from '../gist.js';
import { sentencesAbout, topicStems } from './meeting.js';
import { reply, type Block, type ListItem, type Reply } from '../reply.js';

/** "what did Mr. Charef ask?", "interventions by Safikhanli", "Abramenko at 463". */

const LIMIT = 12;

type Found = StoredIntervention & { document: DocumentSummary };

/** How records name whoever chairs: a chair's words are found under these keys. */
const CHAIR_KEYS = ['the chair', 'the chairperson', 'the chairman', 'the chairwoman', 'le president', 'la presidente', 'el presidente', 'la presidenta'];

interface Resolved {
  found: Found[];
  /** Set when the person chaired and their words are recorded as "The Chair". */
  chaired: boolean;
  nearest: string[];
}

/** By full name, then by surname alone, then by the nearest spelling ("unver" finds Mr. Ünver); a chair by the meetings chaired. */
async function resolve(name: string, documentIds: number[] | undefined, ctx: CoreContext): Promise<Resolved> {
  const key = speakerKey(name);
  const options = { limit: LIMIT, ...(documentIds ? { documentIds } : {}) };
  let found = await ctx.store.interventionsBy({ keys: [key] }, options);
  if (found.length === 0) found = await ctx.store.interventionsBy({ surname: key.split(' ').at(-1) ?? key }, options);
  if (found.length > 0) return { found, chaired: false, nearest: [] };
  const speakers = await ctx.store.speakers();
  const scored = speakers
    .map((s) => ({ s, d: Math.min(distance(key, s.key), distance(key, s.key.split(' ').at(-1) ?? s.key)) }))
    .sort((a, b) => a.d - b.d || b.s.interventions - a.s.interventions);
  const best = scored[0];
  if (!best || best.d > Math.max(1, Math.floor(key.length / 4))) return { found: [], chaired: false, nearest: scored.slice(0, 3).map((x) => x.s.name) };
  if (best.s.interventions > 0) return { found: await ctx.store.interventionsBy({ keys: [best.s.key] }, options), chaired: false, nearest: [] };
  const chaired = (await ctx.store.chairedBy(best.s.key, LIMIT)).map((d) => d.id).filter((id) => !documentIds || documentIds.includes(id));
  return { found: await ctx.store.interventionsBy({ keys: CHAIR_KEYS }, { limit: LIMIT, documentIds: chaired }), chaired: true, nearest: [best.s.name] };
}

export async function speaker(args: ArgsOf<'speaker'>, ctx: CoreContext): Promise<Reply> {
  let documentIds: number[] | undefined;
  if (args.meeting) {
    const meetings = await ctx.store.meetings(args.meeting);
    if (meetings.length === 0) return reply('not-found', [{ type: 'text', text: `No summary record of meeting ${args.meeting} is in the store.` }]);
    documentIds = meetings.map((m) => m.id);
  }
  const { found, chaired, nearest } = await resolve(args.name, documentIds, ctx);
  if (found.length === 0) {
    const blocks: Block[] = [{ type: 'text', text: `No one called ${args.name} speaks in the stored records${args.meeting ? ` of meeting ${args.meeting}` : ''}.` }];
    if (nearest.length) blocks.push({ type: 'context', text: `Nearest names: ${nearest.join(', ')}.` });
    return reply('not-found', blocks);
  }
  const people = [...new Set(found.map((f) => f.speaker))];
  const stems = args.topic ? topicStems(args.topic) : [];
  const items: ListItem[] = [];
  const texts = await ctx.store.paragraphsByNumbers(found.map((v) => ({ documentId: v.documentId, numbers: v.paragraphs })));
  for (const [i, v] of found.entries()) {
    const paragraphs = texts[i]!;
    const text = paragraphs.map((p) => p.text).join(' ');
    const asked = questionsIn(withoutOpening(text));
    // With a topic: only the sentences about it, in the record's words.
    const about = stems.length ? sentencesAbout(withoutOpening(text), stems) : [];
    if (stems.length && about.length === 0) continue;
    const said = about.length
      ? clip(about.join(' '), 400)
      : args.focus === 'questions' && asked.length
        ? clip(asked.join(' '), 400)
        : `${args.focus === 'questions' ? 'No question; said: ' : ''}${gist(text, 300)}`;
    const when = v.document.held ? ` (${longDate(v.document.held)})` : '';
    items.push({ text: `${documentLabel(v.document)}${when}${people.length > 1 ? `, ${v.speaker}` : ''}: ${said}`, cite: cite(v.document, paragraphsLabel(v.paragraphs)) });
  }
  if (items.length === 0) {
    return reply('not-found', [
      { type: 'text', text: `${people.join(' / ')} said nothing about “${args.topic}” in the stored records${args.meeting ? ` of meeting ${args.meeting}` : ''}.` },
      { type: 'actions', actions: [{ id: 'speaker', label: `All by ${people[0]}`, kind: 'command', command: `what did ${people[0]} say` }] },
    ]);
  }
  const role = found.find((f) => f.role)?.role;
  const verb = args.focus === 'questions' ? 'asked' : 'said';
  const blocks: Block[] = [
    { type: 'heading', text: `${chaired ? `What ${nearest[0]} ${verb} as Chair` : `What ${people.join(' / ')}${role ? ` (${role})` : ''} ${verb}`}${args.topic ? ` about ${args.topic}` : ''}` },
    { type: 'list', items },
  ];
  if (found.length === LIMIT) blocks.push({ type: 'context', text: `The ${LIMIT} most recent interventions; add a meeting number to narrow, as in “${people[0]} at 463”.` });
  const first = found[0]!;
  blocks.push({
    type: 'actions',
    actions: [
      { id: 'show-source', label: 'Show source', kind: 'command', command: `source ${first.document.key} para ${first.paragraphs[0]}` },
      ...(first.document.meeting ? [{ id: 'summary', label: `Summary of ${first.document.meeting}`, kind: 'command' as const, command: `summary ${first.document.symbol ?? first.document.meeting}` }] : []),
      { id: 'share', label: 'Share in channel', kind: 'share' as const },
    ],
  });
  return reply('answer', blocks);
}

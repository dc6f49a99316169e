import { distance } from 'fastest-levenshtein';
import { speakerKey } from '../../documents/parse/speakers.js';
import type { DocumentSummary, StoredIntervention } from '../../store/records.js';
import type { ArgsOf } from '../commands.js';
import type { CoreContext } from '../context.js';
import { cite, clip, documentLabel, longDate, paragraphsLabel } from '../format.js';
import { gist, questionsIn, withoutOpening } from '../gist.js';
import { reply, type Block, type ListItem, type Reply } from '../reply.js';

/** "what did Mr. Charef ask?", "interventions by Safikhanli", "Abramenko at 463". */

const LIMIT = 12;

type Found = StoredIntervention & { document: DocumentSummary };

/** By full name, then by surname alone, then by the nearest spelling ("unver" finds Mr. Ünver). */
async function resolve(name: string, documentId: number | undefined, ctx: CoreContext): Promise<{ found: Found[]; nearest: string[] }> {
  const key = speakerKey(name);
  const options = { limit: LIMIT, ...(documentId ? { documentId } : {}) };
  let found = await ctx.store.interventionsBy({ key }, options);
  if (found.length === 0) found = await ctx.store.interventionsBy({ surname: key.split(' ').at(-1) ?? key }, options);
  if (found.length > 0) return { found, nearest: [] };
  const speakers = await ctx.store.speakers();
  const scored = speakers
    .map((s) => ({ s, d: Math.min(distance(key, s.key), distance(key, s.key.split(' ').at(-1) ?? s.key)) }))
    .sort((a, b) => a.d - b.d || b.s.interventions - a.s.interventions);
  const best = scored[0];
  if (best && best.d <= Math.max(1, Math.floor(key.length / 4))) {
    return { found: await ctx.store.interventionsBy({ key: best.s.key }, options), nearest: [] };
  }
  return { found: [], nearest: scored.slice(0, 3).map((x) => x.s.name) };
}

export async function speaker(args: ArgsOf<'speaker'>, ctx: CoreContext): Promise<Reply> {
  let documentId: number | undefined;
  if (args.meeting) {
    const meetings = await ctx.store.meetings(args.meeting);
    if (meetings.length === 0) return reply('not-found', [{ type: 'text', text: `No summary record of meeting ${args.meeting} is in the store.` }]);
    if (meetings.length === 1) documentId = meetings[0]!.id;
  }
  const { found, nearest } = await resolve(args.name, documentId, ctx);
  if (found.length === 0) {
    const blocks: Block[] = [{ type: 'text', text: `No one called ${args.name} speaks in the stored records${args.meeting ? ` of meeting ${args.meeting}` : ''}.` }];
    if (nearest.length) blocks.push({ type: 'context', text: `Nearest names: ${nearest.join(', ')}.` });
    return reply('not-found', blocks);
  }
  const people = [...new Set(found.map((f) => f.speaker))];
  const items: ListItem[] = [];
  for (const v of found) {
    const paragraphs = await ctx.store.paragraphsByNumber(v.documentId, v.paragraphs);
    const text = paragraphs.map((p) => p.text).join(' ');
    const asked = questionsIn(withoutOpening(text));
    const said = args.focus === 'questions' && asked.length ? clip(asked.join(' '), 400) : `${args.focus === 'questions' ? 'No question; said: ' : ''}${gist(text, 300)}`;
    const when = v.document.held ? ` (${longDate(v.document.held)})` : '';
    items.push({ text: `${documentLabel(v.document)}${when}${people.length > 1 ? `, ${v.speaker}` : ''}: ${said}`, cite: cite(v.document, paragraphsLabel(v.paragraphs)) });
  }
  const role = found.find((f) => f.role)?.role;
  const verb = args.focus === 'questions' ? 'asked' : 'said';
  const blocks: Block[] = [
    { type: 'heading', text: `What ${people.join(' / ')}${role ? ` (${role})` : ''} ${verb}` },
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

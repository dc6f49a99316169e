import { countryName, findCountry } from '../../domain/countries.js';
import { daysBetween } from '../../domain/dates.js';
import { ordinalSuffix } from '../../domain/ordinals.js';
import { standing, type Standing } from '../../deadlines/standing.js';
import type { DocumentSummary, StoredDeadline, StoredDocument } from '../../store/records.js';
import type { ArgsOf } from '../commandSchemas.js';
import { zoneOf, type CoreContext } from '../context.js';
import { deadlineCite, describeStanding } from '../deadlineWords.js';
import { cite, documentLabel, longDate, plural, today, KIND_NAMES } from '../format.js';
import { reply, type Block, type ListItem, type Reply } from '../reply.js';

/**
 * What a session's secretariat asks every day: "session 33 CMW" (what the store holds of a
 * session) and the summary records' one-week corrections windows ("corrections 463",
 * "corrections open"). Everything comes from the stored documents; what they do not say
 * is said to be missing, never guessed.
 */


/** How many closed windows "corrections" shows, latest first. */
const RECENT_CLOSED = 10;

const isOpen = (s: Standing): boolean => s.state === 'overdue' || s.state === 'upcoming';

/** States parties whose reports a session considered, as its documents name them. */
function statesConsidered(docs: readonly DocumentSummary[], records: readonly StoredDocument[]): string[] {
  const codes = new Set<string>();
  for (const d of docs) if (d.country && (d.kind === 'concluding-observations' || d.kind === 'summary-record')) codes.add(d.country);
  // An agenda item "Consideration of reports ...: Azerbaijan" names the State party considered.
  for (const r of records) {
    for (const a of r.details.meeting?.agenda ?? []) {
      const code = /\breports?\b/i.test(a.title) ? findCountry(a.title) : null;
      if (code) codes.add(code);
    }
  }
  return [...codes].sort();
}

export async function session(args: ArgsOf<'session'>, ctx: CoreContext): Promise<Reply> {
  const name = `${ordinalSuffix(args.session)} session${args.committee ? ` of ${args.committee}` : ''}`;
  const docs = (await ctx.store.listDocuments(args.committee ? { committee: args.committee } : {})).filter((d) => d.session === args.session);
  if (docs.length === 0) {
    return reply('not-found', [
      { type: 'text', text: `No document of the ${name} is in the store.` },
      { type: 'context', text: '“documents” lists what the store holds; a session’s records arrive as they are issued.' },
    ]);
  }
  const committees = [...new Set(docs.map((d) => d.committee).filter((c): c is string => c !== null))];
  if (!args.committee && committees.length > 1) {
    return reply('answer', [
      { type: 'text', text: `Several committees held a ${ordinalSuffix(args.session)} session. Which one?` },
      { type: 'actions', actions: committees.map((c) => ({ id: `session-${c}`, label: `${c} session ${args.session}`, kind: 'command' as const, command: `session ${args.session} ${c}` })) },
    ]);
  }
  const committee = args.committee ?? committees[0] ?? null;
  const zone = await zoneOf(ctx);
  const now = today(ctx.clock, zone);
  const records = (await Promise.all(docs.filter((d) => d.kind === 'summary-record').map((d) => ctx.store.document(d.key)))).filter((d): d is StoredDocument => d !== null);
  records.sort((a, b) => (a.meeting ?? 0) - (b.meeting ?? 0));
  const held = records.map((r) => r.held).filter((h): h is string => h !== null).sort();
  const states = statesConsidered(docs, records);

  const blocks: Block[] = [{ type: 'heading', text: `${committee ? `${committee}, ` : ''}${ordinalSuffix(args.session)} session` }];
  blocks.push({
    type: 'fields',
    fields: [
      {
        label: 'Dates',
        value: held.length
          ? `the session’s opening and closing dates are not stated in the stored documents; the meetings the store holds were held ${held[0] === held.at(-1) ? `on ${longDate(held[0])}` : `from ${longDate(held[0])} to ${longDate(held.at(-1))}`}`
          : 'not stated in the stored documents',
      },
      { label: 'States parties considered', value: states.length ? states.map((c) => countryName(c) ?? c).join(', ') : 'none named in the stored documents of this session' },
    ],
  });
  if (records.length) {
    blocks.push({
      type: 'list',
      title: `Meetings in the store (${records.length})`,
      items: records.map((r) => {
        const agenda = r.details.meeting?.agenda.map((a) => `${a.title}${a.continued ? ' (continued)' : ''}`) ?? [];
        return {
          text: `${r.meeting ? `${ordinalSuffix(r.meeting)} meeting` : documentLabel(r)}${r.details.meeting?.part ? ` (${r.details.meeting.part})` : ''}, ${longDate(r.held)}: ${agenda.length ? agenda.join('; ') : 'agenda not stated'}`,
          cite: cite(r, null),
        };
      }),
    });
  }
  blocks.push({
    type: 'list',
    title: `Documents of the session (${docs.length})`,
    items: docs.map((d) => ({ text: `${KIND_NAMES[d.kind]}${d.meeting ? ` of the ${ordinalSuffix(d.meeting)} meeting` : ''}${d.issued ? `, issued ${longDate(d.issued)}` : ''}`, cite: cite(d, null) })),
  });

  // Open deadlines: those of the session's own documents, and those of the States parties it considered.
  const ids = new Set(docs.map((d) => d.id));
  const candidates = await ctx.store.deadlines(committee ? { committee, open: true } : { open: true });
  const open = candidates
    .filter((d) => (d.documentId !== null && ids.has(d.documentId)) || (d.country !== null && states.includes(d.country)))
    .map((d) => ({ d, s: standing(d, now) }))
    .filter((r) => isOpen(r.s));
  if (open.length) blocks.push({ type: 'list', title: 'Open deadlines', items: open.map((r) => deadlineItem(r.d, r.s)) });
  else blocks.push({ type: 'text', text: 'No deadline of this session is open.' });
  blocks.push({ type: 'context', text: `Counted from today, ${longDate(now)} (${zone}). Only what the stored documents say; “documents” lists them all.` });
  return reply('answer', blocks);
}

function deadlineItem(d: StoredDeadline, s: Standing): ListItem {
  return { text: `#${d.id} ${d.title}: due ${longDate(d.due)}, ${describeStanding(s)}`, ...deadlineCite(d) };
}

/** One record's window in words: when it closes or closed, counted from today. */
function windowWords(d: StoredDeadline, s: Standing, now: string): string {
  if (s.state === 'upcoming') return s.days === 0 ? `open until today, ${longDate(d.due)}` : `open until ${longDate(d.due)}, ${plural(s.days, 'day')} from today`;
  if (s.state === 'closed') return `closed on ${longDate(d.due)}, ${plural(-daysBetween(now, d.due), 'day')} ago`;
  return describeStanding(s);
}

export async function corrections(args: ArgsOf<'corrections'>, ctx: CoreContext): Promise<Reply> {
  const zone = await zoneOf(ctx);
  const now = today(ctx.clock, zone);
  const counted = { type: 'context' as const, text: `Corrections are due within one week of the date of the record. Counted from today, ${longDate(now)} (${zone}).` };
  const windows = (await ctx.store.deadlines(args.committee ? { committee: args.committee } : {})).filter((d) => d.kind === 'corrections');

  if (args.meeting !== undefined || args.symbol !== undefined) {
    const records = args.symbol
      ? [await ctx.store.document(args.symbol)].filter((d): d is StoredDocument => d !== null)
      : await ctx.store.meetings(args.meeting!, args.committee);
    const wanted = args.symbol ?? `meeting ${args.meeting}`;
    if (records.length === 0) {
      return reply('not-found', [{ type: 'text', text: `No summary record of ${wanted} is in the store, so its corrections window is not known.` }, { type: 'context', text: '“corrections open” lists every window still open.' }]);
    }
    const items: ListItem[] = records.map((r) => {
      const d = windows.find((w) => w.documentId === r.id);
      if (!d) return { text: `${documentLabel(r)} prints no date, so its corrections window cannot be counted.`, cite: cite(r, null) };
      const s = standing(d, now);
      return { text: `#${d.id} Corrections to ${documentLabel(r)}${r.meeting ? ` (${ordinalSuffix(r.meeting)} meeting, held ${longDate(r.held)})` : ''}: due by ${longDate(d.due)}, ${d.basis}; ${windowWords(d, s, now)}.`, ...deadlineCite(d) };
    });
    return reply('answer', [{ type: 'heading', text: `Corrections window of ${wanted}` }, { type: 'list', items }, counted]);
  }

  const rated = windows.map((d) => ({ d, s: standing(d, now) }));
  const open = rated.filter((r) => r.s.state === 'upcoming');
  const closed = rated.length - open.length;
  const closedNote = closed ? ` ${plural(closed, 'corrections window')} ${closed === 1 ? 'has' : 'have'} closed.` : '';
  if (args.open) {
    if (open.length === 0) {
      return reply('not-found', [{ type: 'text', text: `No corrections window is open today.${closedNote}` }, counted]);
    }
    return reply('answer', [
      { type: 'heading', text: `${plural(open.length, 'corrections window')} open` },
      { type: 'list', items: open.map((r) => ({ text: `#${r.d.id} ${r.d.title}: ${windowWords(r.d, r.s, now)}`, ...deadlineCite(r.d) })) },
      { type: 'context', text: `${counted.text}${closedNote}` },
    ]);
  }
  if (rated.length === 0) return reply('not-found', [{ type: 'text', text: 'No summary record with a date is in the store, so there is no corrections window to count.' }]);
  // Every open window, then the latest closed ones: a store of years of records would fill the chat.
  const latestClosed = rated.filter((r) => r.s.state !== 'upcoming').sort((a, b) => b.d.due.localeCompare(a.d.due)).slice(0, RECENT_CLOSED);
  const older = closed - latestClosed.length;
  return reply('answer', [
    { type: 'heading', text: 'Corrections windows' },
    { type: 'list', items: [...open, ...latestClosed].map((r) => ({ text: `#${r.d.id} ${r.d.title}: ${windowWords(r.d, r.s, now)}`, ...deadlineCite(r.d) })) },
    { type: 'context', text: `${counted.text}${older ? ` ${plural(older, 'earlier window')}, closed, ${older === 1 ? 'is' : 'are'} not listed; “corrections 463” asks for one meeting’s.` : ''}` },
  ]);
}

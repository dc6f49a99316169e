import { EXAMPLES } from '../commandSchemas.js';
import type { ArgsOf } from '../commandSchemas.js';
import type { CoreContext } from '../context.js';
import { reply, type Block, type Reply } from '../reply.js';

const WHAT: Record<keyof typeof EXAMPLES, string> = {
  status: 'the committee’s follow-up grades for a recommendation, or for a State party at a glance',
  summary: 'a meeting: chair, agenda, who spoke, questions and answers',
  speaker: 'what a person said or asked, with paragraph references',
  topic: 'who spoke about something',
  group: 'what a group said: committee members, the delegation, the NHRI, NGOs, UN bodies',
  answers: 'who answered a member’s questions, where the record shows it',
  paragraph: 'one paragraph of a meeting’s record, as printed',
  'grade-meaning': 'what a grade letter means, from the committee’s legend or the evaluation’s own words',
  search: 'search the text of every document',
  deadlines: 'what is due, overdue or met, with the basis of each date',
  'deadline-add': 'add a deadline (admins)',
  'deadline-remove': 'remove a deadline someone added (admins)',
  documents: 'the documents in the store',
  document: 'one document: kind, dates, versions, warnings',
  follow: 'reminders before a State party’s or committee’s deadlines, and summaries of its meetings, here',
  unfollow: 'stop following',
  following: 'what this conversation follows, its time zone, reminders and digest',
  remind: 'a reminder at a time you name, in this conversation or to you',
  reminders: 'the reminders set here',
  snooze: 'put off a deadline’s reminders (from a reminder’s buttons too)',
  done: 'stop a deadline’s reminders here',
  digest: 'a regular digest here: overdue, due within 30 days, new documents, changed grades',
  timezone: 'the time zone reminders and digests follow here',
  'reminder-days': 'how many days before a due date reminders come',
  ingest: 'read a document from a UN link into the store (admins)',
  fetch: 'fetch a document by its UN symbol from the UN’s document systems into the store (admins)',
  session: 'a session: its meetings in the store, States parties considered, documents and open deadlines',
  corrections: 'summary records’ one-week corrections windows: one meeting’s, or every window still open',
  watch: 'what the watch asks the UN’s hosts for, and when it last and next checks each',
  'watch-change': 'add a symbol to the watch, or remove one (admins)',
  'working-hours': 'the hours reminders and digests may come here; outside them they wait for the next working time',
  'working-days': 'the days reminders and digests may come here',
  holidays: 'days with no reminders or digests here (add, remove, list)',
  mute: 'in your direct message with me: nothing comes to you until a date',
  unmute: 'end a mute now',
  calendar: 'a private calendar feed of this conversation’s deadlines, for Outlook, Google or Apple Calendar',
  help: 'this list',
};

export function help(_args: ArgsOf<'help'>, ctx: CoreContext): Reply {
  const blocks: Block[] = [
    { type: 'heading', text: 'Ask Rapporteur about treaty-body documents' },
    { type: 'list', items: Object.entries(EXAMPLES).map(([name, examples]) => ({ text: `${examples.map((e) => `“${e}”`).join(', ')}: ${WHAT[name as keyof typeof EXAMPLES]}` })) },
    { type: 'context', text: `Every answer names its document and paragraph. Countries by name, official name, adjective or code; people by surname, with or without title or accents.${ctx.isAdmin ? ' You are an admin here.' : ''}` },
  ];
  return reply('help', blocks);
}

export function unknownCommand(args: ArgsOf<'unknown'>): Reply {
  const blocks: Block[] = [
    { type: 'text', text: args.problem ? `${args.problem}${/[.”]$/.test(args.problem) ? '' : '.'}` : args.missing ? `I need ${args.missing}.` : `I did not understand “${args.text.length > 80 ? `${args.text.slice(0, 80)}…` : args.text}”.` },
  ];
  if (args.suggestions.length) {
    blocks.push(
      { type: 'list', title: 'You could try:', items: args.suggestions.map((s) => ({ text: s })) },
      { type: 'actions', actions: args.suggestions.slice(0, 3).map((s, i) => ({ id: `suggestion-${i}`, label: s.length > 30 ? `${s.slice(0, 29)}…` : s, kind: 'command' as const, command: s })) },
    );
  }
  return reply('help', blocks);
}

/** A word that should have named a State party and names none: asked about, never dropped. */
export function unplaced(args: ArgsOf<'unplaced'>): Reply {
  const blocks: Block[] = [
    { type: 'text', text: args.suggestions.length ? `I do not know a State party called “${args.word}”. Did you mean:` : `I do not know a State party called “${args.word}”, so I have not answered for every State instead.` },
  ];
  if (args.suggestions.length) {
    blocks.push({ type: 'list', items: args.suggestions.map((s) => ({ text: s })) });
    blocks.push({ type: 'actions', actions: args.suggestions.slice(0, 3).map((s, i) => ({ id: `suggestion-${i}`, label: s.length > 30 ? `${s.slice(0, 29)}…` : s, kind: 'command' as const, command: s })) });
  }
  blocks.push({ type: 'context', text: args.accepted });
  return reply('help', blocks);
}

import { DateTime } from 'luxon';
import { z } from 'zod';
import { CommitteeCode } from '../domain/committees.js';

/** Every command the core understands, with its arguments, as zod schemas. */

/** A calendar date that exists: "2027-02-30" matches the pattern but is no day. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => DateTime.fromISO(s).isValid, 'not a calendar date');
const country = z.string().length(3);

export const StatusArgs = z.object({
  country,
  committee: CommitteeCode.optional(),
  paragraph: z.number().int().positive().optional(),
  subparagraphs: z.array(z.string()).default([]),
  /** Levels under one sub-paragraph: "36(c)(ii)" is (c) with ["ii"]. */
  nested: z.array(z.string()).optional(),
});
export const SummaryArgs = z.object({
  meeting: z.number().int().positive().optional(),
  symbol: z.string().optional(),
  committee: CommitteeCode.optional(),
  /** "latest meeting": the most recent meeting the store holds a record of. */
  latest: z.literal(true).optional(),
});
export const SpeakerArgs = z.object({
  name: z.string().min(1),
  meeting: z.number().int().positive().optional(),
  /** "what did X ask" wants the questions; otherwise everything said. */
  focus: z.enum(['questions', 'all']),
  /** "what did Charef say about vaccines": only what touches this. */
  topic: z.string().min(1).optional(),
});
/** Those who take part in a meeting, by the part they play ("what did the NGOs say"). */
export const ParticipantGroup = z.enum(['committee', 'state', 'nhri', 'ngo', 'un']);
export const GroupArgs = z.object({ group: ParticipantGroup, meeting: z.number().int().positive().optional(), topic: z.string().min(1).optional(), focus: z.enum(['questions', 'all']).default('all') });
/** "who answered Mr. Corzo Sosa?" */
export const AnswersArgs = z.object({ name: z.string().min(1), meeting: z.number().int().positive().optional() });
/** "para 10 of 463": one paragraph of a summary record. */
export const RecordParagraphArgs = z.object({ paragraph: z.number().int().positive(), meeting: z.number().int().positive().optional(), symbol: z.string().optional(), committee: CommitteeCode.optional() });
/** "what does [C] mean?" */
export const GradeMeaningArgs = z.object({ letter: z.string().regex(/^[A-Z]$/), committee: CommitteeCode.optional(), country: country.optional() });
/** A word where a State party was expected that names none: never dropped silently. */
export const UnplacedArgs = z.object({ word: z.string().min(1), suggestions: z.array(z.string()), accepted: z.string() });
export const TopicArgs = z.object({ topic: z.string().min(1) });
export const SearchArgs = z.object({ query: z.string().min(1), country: country.optional(), committee: CommitteeCode.optional() });
export const DeadlinesArgs = z.object({
  country: country.optional(),
  committee: CommitteeCode.optional(),
  filter: z.enum(['all', 'overdue', 'upcoming']),
  days: z.number().int().positive().max(3660).optional(),
  /** "due this month", "this week": until the end of the calendar month or week, in the conversation's zone. */
  within: z.enum(['week', 'month']).optional(),
});
export const DeadlineAddArgs = z.object({
  due: isoDate,
  country: country.optional(),
  committee: CommitteeCode.optional(),
  title: z.string().min(1).max(300),
});
export const DeadlineRemoveArgs = z.object({ id: z.number().int().positive() });
export const DocumentsArgs = z.object({
  country: country.optional(),
  committee: CommitteeCode.optional(),
  /** "documents issued in 2021" */
  year: z.number().int().min(1945).max(2100).optional(),
  /** "new documents": refused with what can be asked instead, since what is new depends on who asks. */
  recent: z.literal(true).optional(),
});
export const DocumentArgs = z.object({ symbol: z.string().min(1) });
export const SourceArgs = z.object({ key: z.string().min(1), paragraph: z.number().int().positive().optional(), lines: z.tuple([z.number().int(), z.number().int()]).optional() });
export const HelpArgs = z.object({ topic: z.string().optional() });
export const FollowArgs = z.object({
  kind: z.enum(['country', 'committee']),
  value: z.string().min(2),
});
export const RemindArgs = z.object({
  /** "me": a direct message to the person; "us": the conversation asked in. */
  who: z.enum(['me', 'us']),
  /** The question, for reading its date in the channel's time zone. */
  text: z.string().min(1),
});
export const SnoozeArgs = z.object({ deadline: z.number().int().positive(), days: z.number().int().min(1).max(90) });
export const DoneArgs = z.object({ deadline: z.number().int().positive() });
export const DigestArgs = z.discriminatedUnion('action', [
  z.object({ action: z.literal('set'), cadence: z.enum(['daily', 'weekdays']), time: z.string().regex(/^\d{2}:\d{2}$/), timeZone: z.string().optional(), always: z.boolean() }),
  z.object({ action: z.literal('off') }),
  z.object({ action: z.literal('now') }),
  z.object({ action: z.literal('show') }),
]);
export const TimeZoneArgs = z.object({ timeZone: z.string().min(1) });
export const ReminderDaysArgs = z.object({ days: z.array(z.number().int().min(0).max(366)).max(10).optional() });
export const IngestArgs = z.object({ url: z.url() });
/** "fetch CMW/C/AZE/CO/3": the symbol as typed; the command says when it is none. */
export const FetchArgs = z.object({ symbol: z.string().min(1).max(100) });
/** "session 33 CMW": a committee session as the store knows it. */
export const SessionArgs = z.object({ session: z.number().int().min(1).max(999), committee: CommitteeCode.optional() });
/** "corrections 463", "corrections open": summary records' one-week corrections windows. */
export const CorrectionsArgs = z.object({
  meeting: z.number().int().positive().optional(),
  symbol: z.string().optional(),
  committee: CommitteeCode.optional(),
  /** Only the windows still open today. */
  open: z.boolean(),
});
/** "watch add CMW/C/SR.470", "watch remove CMW/C/SR.470": an admin's changes to what the watch asks for. */
export const WatchChangeArgs = z.object({ action: z.enum(['add', 'remove']), symbol: z.string().min(1).max(100) });
/** "working hours 07:30-17:00"; "working hours" alone shows the working time. */
export const WorkingHoursArgs = z.object({ hours: z.object({ start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/) }).optional() });
/** "working days mon-fri": ISO weekdays, 1 (Monday) to 7 (Sunday). */
export const WorkingDaysArgs = z.object({ days: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional() });
/** "holidays add 2026-12-25", "holidays remove 2026-12-25", "holidays". */
export const HolidaysArgs = z.discriminatedUnion('action', [
  z.object({ action: z.literal('list') }),
  z.object({ action: z.enum(['add', 'remove']), dates: z.array(isoDate).min(1).max(60) }),
]);
/** "mute until 2027-01-05": a person's direct message, until the start of that day. */
export const MuteArgs = z.object({ until: isoDate });
/** "calendar": the conversation's private feed; "calendar reset": a new address, the old one revoked; "calendar off": revoked. */
export const CalendarArgs = z.object({ action: z.enum(['show', 'reset', 'off']) });
export const UnknownArgs = z.object({
  text: z.string(),
  suggestions: z.array(z.string()),
  missing: z.string().optional(),
  /** A value the question gave that cannot be used, with what is accepted instead. */
  problem: z.string().optional(),
});

export const Command = z.discriminatedUnion('name', [
  z.object({ name: z.literal('status'), args: StatusArgs }),
  z.object({ name: z.literal('summary'), args: SummaryArgs }),
  z.object({ name: z.literal('speaker'), args: SpeakerArgs }),
  z.object({ name: z.literal('topic'), args: TopicArgs }),
  z.object({ name: z.literal('search'), args: SearchArgs }),
  z.object({ name: z.literal('deadlines'), args: DeadlinesArgs }),
  z.object({ name: z.literal('deadline-add'), args: DeadlineAddArgs }),
  z.object({ name: z.literal('deadline-remove'), args: DeadlineRemoveArgs }),
  z.object({ name: z.literal('documents'), args: DocumentsArgs }),
  z.object({ name: z.literal('document'), args: DocumentArgs }),
  z.object({ name: z.literal('source'), args: SourceArgs }),
  z.object({ name: z.literal('help'), args: HelpArgs }),
  z.object({ name: z.literal('follow'), args: FollowArgs }),
  z.object({ name: z.literal('unfollow'), args: FollowArgs }),
  z.object({ name: z.literal('following'), args: z.object({}) }),
  z.object({ name: z.literal('remind'), args: RemindArgs }),
  z.object({ name: z.literal('reminders'), args: z.object({}) }),
  z.object({ name: z.literal('snooze'), args: SnoozeArgs }),
  z.object({ name: z.literal('done'), args: DoneArgs }),
  z.object({ name: z.literal('digest'), args: DigestArgs }),
  z.object({ name: z.literal('timezone'), args: TimeZoneArgs }),
  z.object({ name: z.literal('reminder-days'), args: ReminderDaysArgs }),
  z.object({ name: z.literal('ingest'), args: IngestArgs }),
  z.object({ name: z.literal('fetch'), args: FetchArgs }),
  z.object({ name: z.literal('group'), args: GroupArgs }),
  z.object({ name: z.literal('answers'), args: AnswersArgs }),
  z.object({ name: z.literal('paragraph'), args: RecordParagraphArgs }),
  z.object({ name: z.literal('grade-meaning'), args: GradeMeaningArgs }),
  z.object({ name: z.literal('unplaced'), args: UnplacedArgs }),
  z.object({ name: z.literal('session'), args: SessionArgs }),
  z.object({ name: z.literal('corrections'), args: CorrectionsArgs }),
  z.object({ name: z.literal('watch'), args: z.object({}) }),
  z.object({ name: z.literal('watch-change'), args: WatchChangeArgs }),
  z.object({ name: z.literal('working-hours'), args: WorkingHoursArgs }),
  z.object({ name: z.literal('working-days'), args: WorkingDaysArgs }),
  z.object({ name: z.literal('holidays'), args: HolidaysArgs }),
  z.object({ name: z.literal('mute'), args: MuteArgs }),
  z.object({ name: z.literal('unmute'), args: z.object({}) }),
  z.object({ name: z.literal('calendar'), args: CalendarArgs }),
  z.object({ name: z.literal('unknown'), args: UnknownArgs }),
]);
export type Command = z.infer<typeof Command>;
export type CommandName = Command['name'];
export type ArgsOf<N extends CommandName> = Extract<Command, { name: N }>['args'];

/** Commands that change the store: only admins may run them. */
export const MUTATING: ReadonlySet<CommandName> = new Set(['deadline-add', 'deadline-remove', 'ingest', 'fetch', 'watch-change']);

/** Commands after which a person's overview (Slack's App Home) may read differently. */
export const CHANGES_HOME: ReadonlySet<CommandName> = new Set([...MUTATING, 'follow', 'unfollow', 'remind', 'snooze', 'done', 'timezone', 'reminder-days', 'working-hours', 'working-days', 'holidays', 'mute', 'unmute']);

/** One example per command, the phrasing help and "did you mean" offer. */
export const EXAMPLES: Record<Exclude<CommandName, 'unknown' | 'source' | 'unplaced'>, string[]> = {
  status: ['status of para 36 Azerbaijan', 'status Azerbaijan'],
  summary: ['summary 463', 'summarize CMW/C/SR.463'],
  speaker: ['what did Mr. Charef ask?', 'interventions by Safikhanli', 'Abramenko at 463'],
  topic: ['who spoke about vaccines?'],
  group: ['what did the NGOs say at 463?', 'the State party’s replies'],
  answers: ['who answered Mr. Corzo Sosa?'],
  paragraph: ['para 10 of 463'],
  'grade-meaning': ['what does [C] mean?'],
  search: ['search detention of children'],
  deadlines: ['deadlines Azerbaijan', 'overdue', 'due in 30 days'],
  'deadline-add': ['deadline add 2027-03-01 Azerbaijan next periodic report'],
  'deadline-remove': ['deadline remove 12'],
  documents: ['documents Azerbaijan'],
  document: ['doc CMW/C/AZE/CO/3'],
  follow: ['follow Azerbaijan', 'follow CMW'],
  unfollow: ['unfollow Azerbaijan'],
  following: ['following'],
  remind: ['remind us about para 36 Azerbaijan on 1 December at 9:00', 'remind me in 2 weeks to check the FCO reply'],
  reminders: ['reminders'],
  snooze: ['snooze 12 1 week'],
  done: ['done 12'],
  digest: ['digest daily 09:00 Europe/Zurich', 'digest weekdays 08:30', 'digest off'],
  timezone: ['time zone Europe/Zurich'],
  'reminder-days': ['reminder days 30 7 1 0'],
  ingest: ['ingest https://docs.un.org/en/CMW/C/SR.463'],
  fetch: ['fetch CMW/C/AZE/CO/3'],
  session: ['session 33 CMW'],
  corrections: ['corrections 463', 'corrections open'],
  watch: ['watch'],
  'watch-change': ['watch add CMW/C/SR.470', 'watch remove CMW/C/SR.470'],
  'working-hours': ['working hours 07:30-17:00'],
  'working-days': ['working days mon-fri'],
  holidays: ['holidays add 2026-12-25', 'holidays'],
  mute: ['mute until 2027-01-05'],
  unmute: ['unmute'],
  calendar: ['calendar', 'calendar reset'],
  help: ['help'],
};

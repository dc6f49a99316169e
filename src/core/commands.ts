import { z } from 'zod';
import { CommitteeCode } from '../domain/committees.js';

/** Every command the core understands, with its arguments, as zod schemas. */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const country = z.string().length(3);

export const StatusArgs = z.object({
  country,
  committee: CommitteeCode.optional(),
  paragraph: z.number().int().positive().optional(),
  subparagraphs: z.array(z.string()).default([]),
});
export const SummaryArgs = z.object({
  meeting: z.number().int().positive().optional(),
  symbol: z.string().optional(),
  committee: CommitteeCode.optional(),
});
export const SpeakerArgs = z.object({
  name: z.string().min(1),
  meeting: z.number().int().positive().optional(),
  /** "what did X ask" wants the questions; otherwise everything said. */
  focus: z.enum(['questions', 'all']),
});
export const TopicArgs = z.object({ topic: z.string().min(1) });
export const SearchArgs = z.object({ query: z.string().min(1), country: country.optional(), committee: CommitteeCode.optional() });
export const DeadlinesArgs = z.object({
  country: country.optional(),
  committee: CommitteeCode.optional(),
  filter: z.enum(['all', 'overdue', 'upcoming']),
  days: z.number().int().positive().max(3660).optional(),
});
export const DeadlineAddArgs = z.object({
  due: isoDate,
  country: country.optional(),
  committee: CommitteeCode.optional(),
  title: z.string().min(1).max(300),
});
export const DeadlineRemoveArgs = z.object({ id: z.number().int().positive() });
export const DocumentsArgs = z.object({ country: country.optional(), committee: CommitteeCode.optional() });
export const DocumentArgs = z.object({ symbol: z.string().min(1) });
export const SourceArgs = z.object({ key: z.string().min(1), paragraph: z.number().int().positive().optional(), lines: z.tuple([z.number().int(), z.number().int()]).optional() });
export const HelpArgs = z.object({ topic: z.string().optional() });
export const UnknownArgs = z.object({ text: z.string(), suggestions: z.array(z.string()), missing: z.string().optional() });

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
  z.object({ name: z.literal('unknown'), args: UnknownArgs }),
]);
export type Command = z.infer<typeof Command>;
export type CommandName = Command['name'];
export type ArgsOf<N extends CommandName> = Extract<Command, { name: N }>['args'];

/** Commands that change the store: only admins may run them. */
export const MUTATING: ReadonlySet<CommandName> = new Set(['deadline-add', 'deadline-remove']);

/** One example per command, the phrasing help and "did you mean" offer. */
export const EXAMPLES: Record<Exclude<CommandName, 'unknown' | 'source'>, string[]> = {
  status: ['status of para 36 Azerbaijan', 'status Azerbaijan'],
  summary: ['summary 463', 'summarize CMW/C/SR.463'],
  speaker: ['what did Mr. Charef ask?', 'interventions by Safikhanli', 'Abramenko at 463'],
  topic: ['who spoke about vaccines?'],
  search: ['search detention of children'],
  deadlines: ['deadlines Azerbaijan', 'overdue', 'due in 30 days'],
  'deadline-add': ['deadline add 2027-03-01 Azerbaijan next periodic report'],
  'deadline-remove': ['deadline remove 12'],
  documents: ['documents Azerbaijan'],
  document: ['doc CMW/C/AZE/CO/3'],
  help: ['help'],
};

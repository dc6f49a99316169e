import { z } from 'zod';
import { CommitteeCode } from '../domain/committees.js';
import { Command } from './commandSchemas.js';
import { extractEntities } from './entities.js';

/**
 * What a conversation is about after an answer, so that the next question may lean on it:
 * "and 60?" after a status answer, "who answered him?" after a speaker answer. Kept per person
 * and conversation in the store, for a while.
 */

export const Subject = z.object({
  command: z.enum(['status', 'deadlines', 'documents', 'summary', 'paragraph', 'speaker', 'answers']),
  country: z.string().optional(),
  committee: CommitteeCode.optional(),
  person: z.string().optional(),
  meeting: z.number().int().positive().optional(),
});
export type Subject = z.infer<typeof Subject>;

/** How long a conversation keeps its subject: a working session, not a week. */
export const SUBJECT_KEPT_MS = 2 * 60 * 60 * 1000;

export function subjectOf(command: Command): Subject | null {
  const a = command.args as Record<string, unknown>;
  const keep = (s: Subject): Subject => Subject.parse(Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)));
  switch (command.name) {
    case 'status':
    case 'deadlines':
    case 'documents':
      return keep({ command: command.name, country: a.country as string | undefined, committee: a.committee as CommitteeCode | undefined });
    case 'summary':
    case 'paragraph':
      return keep({ command: command.name, meeting: a.meeting as number | undefined, committee: a.committee as CommitteeCode | undefined });
    case 'speaker':
    case 'answers':
      return keep({ command: command.name, person: a.name as string, meeting: a.meeting as number | undefined });
    default:
      return null;
  }
}

const PRONOUN = '(?:him|her|them|that|this)';

/** How every follow-up `continueSubject` reads begins; a question that begins otherwise stands on its own. */
const FOLLOW_UP = /^(?:and|what about|how about|also|now|who\s+(?:answered|replied|responded)|what\s+(?:else\s+)?did\s+(?:he|she|they)|(?:what\s+are\s+)?(?:its|their))\b/i;

export const mayContinue = (text: string): boolean => FOLLOW_UP.test(text.replace(/<@[^>]+>/g, ' ').trim());

/** The command a short follow-up means given the subject, or null when it stands on its own. */
export function continueSubject(text: string, s: Subject): Command | null {
  const t = text.replace(/<@[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  const number = /^(?:and|what about|how about|also|now)\s+(?:para(?:graph)?s?\.?\s*|§\s*|meeting\s+)?(\d{1,4})\s*(?:\(\s*([a-z])\s*\))?\s*\??$/i.exec(t);
  if (number) {
    const n = Number(number[1]);
    if (s.command === 'paragraph' && s.meeting) return Command.parse({ name: 'paragraph', args: { paragraph: n, meeting: s.meeting, ...(s.committee ? { committee: s.committee } : {}) } });
    if (s.command === 'summary') return Command.parse({ name: 'summary', args: { meeting: n, ...(s.committee ? { committee: s.committee } : {}) } });
    if (s.country) return Command.parse({ name: 'status', args: { country: s.country, ...(s.committee ? { committee: s.committee } : {}), paragraph: n, subparagraphs: number[2] ? [number[2].toLowerCase()] : [] } });
    return null;
  }
  if (s.person) {
    if (new RegExp(`^(?:and\\s+)?who\\s+(?:answered|replied\\s+to|responded\\s+to)\\s+${PRONOUN}\\s*\\??$`, 'i').test(t)) {
      return { name: 'answers', args: { name: s.person, ...(s.meeting ? { meeting: s.meeting } : {}) } };
    }
    const more = /^(?:and\s+)?what\s+(?:else\s+)?did\s+(?:he|she|they)\s+(ask|say)(?:\s+about\s+(.+?))?\s*\??$/i.exec(t);
    if (more) return { name: 'speaker', args: { name: s.person, focus: /ask/i.test(more[1]!) ? 'questions' : 'all', ...(s.meeting ? { meeting: s.meeting } : {}), ...(more[2] ? { topic: more[2] } : {}) } };
  }
  // "and its deadlines?": a possessive or "and" leans on the subject; "deadlines" alone asks for all.
  const leaning = /^(?:and\s+(?:its\s+|their\s+|the\s+)?|(?:what\s+are\s+)?(?:its|their)\s+)(deadlines|documents)\s*\??$/i.exec(t)?.[1]?.toLowerCase();
  if (s.country && leaning === 'deadlines') return Command.parse({ name: 'deadlines', args: { filter: 'all', country: s.country } });
  if (s.country && leaning === 'documents') return { name: 'documents', args: { country: s.country } };
  // "and Bolivia?": the same question about another State party.
  const other = /^(?:and|what about|how about)\s+(.+?)\s*\??$/i.exec(t);
  if (other && (s.command === 'status' || s.command === 'deadlines' || s.command === 'documents')) {
    const e = extractEntities(other[1]!);
    if (e.country && e.rest === '') return Command.parse(s.command === 'deadlines' ? { name: 'deadlines', args: { filter: 'all', country: e.country } } : { name: s.command, args: { country: e.country } });
  }
  return null;
}

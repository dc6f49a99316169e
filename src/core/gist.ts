import { splitSentences } from '../documents/parse/assessment.js';
import { detectSpeaker } from '../documents/parse/speakers.js';
import { clip } from './format.js';

/**
 * Extractive gists: a sentence the document itself wrote, trimmed, never a paraphrase.
 */

/**
 * What was said without who said it: "Mr. X (role), speaking ..., said that the Office ..."
 * gives "The Office ...", and "... asked whether ..." gives "Asked whether ...".
 */
export function withoutOpening(text: string): string {
  const opening = detectSpeaker(text);
  if (!opening) return text;
  const rest = text.slice(opening.verbAt).replace(/^(?:also\s+)?(?:said|stated|noted|explained|added|replied|responded|observed|recalled|stressed|emphasized|pointed out)\s+that\s+/i, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

export function gist(text: string, max = 220): string {
  return firstSentence(withoutOpening(text), max);
}

/** The first sentence of text already stripped of its speaker opening, clipped. */
export function firstSentence(said: string, max = 220): string {
  // Only the start matters: the first sentence is clipped to `max` anyway.
  const first = splitSentences(said.slice(0, 2 * max + 2))[0] ?? said;
  return clip(first, max);
}

const QUESTION = /\b(?:asked|wondered|would\s+(?:also\s+|further\s+|particularly\s+)?(?:like|welcome|appreciate|be\s+(?:grateful|interested|(?:interesting|useful|helpful)\s+to\s+(?:know|learn|hear)))|wished\s+to\s+know|enquired|inquired|requested\s+(?:information|clarification|details)|sought\s+clarification)\b|\?$/i;

/** The sentences of an intervention that ask something. */
export function questionsIn(text: string): string[] {
  return splitSentences(text).filter((s) => QUESTION.test(s));
}

/** A short form of what the committee asks next, in its own words. */
export function requestGist(sentence: string): string {
  if (/\bnext periodic report\b/i.test(sentence)) {
    const what = /\bto\s+provide\s+(.+?)\s+in\s+its\s+next\s+periodic\s+report/i.exec(sentence)?.[1];
    return what ? `${clip(what, 120)}: requested in the next periodic report` : 'information requested in the next periodic report';
  }
  // The whole request to its sentence's end: a comma may sit inside a phrase ("international, regional and bilateral").
  const info = /\brequests?\s+(?:further\s+|additional\s+)?((?:statistical\s+)?information(?:\s+[\w-]+){0,3}?\s+(?:on|about|regarding|from)\s+.+?)(?:;|\.$|$)/i.exec(sentence);
  if (info) return `further ${clip(info[1]!, 200)}`;
  const reiterates = /\breiterates\s+its\s+recommendation\s+to\s+(.+?)(?:;|\.$|$)/i.exec(sentence);
  if (reiterates) return `reiterates its recommendation to ${clip(reiterates[1]!, 180)}`;
  return clip(sentence.replace(/^(?:The Committee|It)\s+/i, '').replace(/\.$/, ''), 200);
}

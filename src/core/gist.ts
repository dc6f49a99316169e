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
  const rest = text
    .slice(opening.verbAt)
    .replace(/^(?:also\s+)?(?:said|stated|noted|explained|added|replied|responded|observed|recalled|stressed|emphasized|pointed out)\s+that\s+/i, '')
    .replace(/^(?:dit|déclare|indique|précise|explique|ajoute|répond|rappelle|souligne|note)\s+(?:également\s+|aussi\s+)?qu(?:e\s+|['’]\s?)/i, '')
    .replace(/^(?:también\s+)?(?:dice|declara|indica|precisa|explica|añade|responde|recuerda|subraya|señala|observa)\s+que\s+/i, '');
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

/** How each language's records report a question, one small list per language. */
const QUESTION_WORDS = {
  en: String.raw`asked|wondered|would\s+(?:also\s+|further\s+|particularly\s+)?(?:like|welcome|appreciate|be\s+(?:grateful|interested|(?:interesting|useful|helpful)\s+to\s+(?:know|learn|hear)))|wished\s+to\s+know|enquired|inquired|requested\s+(?:information|clarification|details)|sought\s+clarification`,
  fr: String.raw`demande\s+(?:si|s['’]|quel(?:le)?s?|comment|pourquoi|combien|où|ce\s+qu|des\s+(?:précisions|informations|renseignements|éclaircissements))|(?:souhaite|souhaiterait|voudrait|aimerait|désire)\s+(?:également\s+|aussi\s+)?savoir|se\s+demande|s['’]enquiert|s['’]interroge`,
  es: String.raw`pregunta|desea\s+(?:también\s+)?saber|quisiera\s+saber|desearía\s+saber|le\s+gustaría\s+saber|se\s+pregunta|solicita\s+(?:información|aclaraciones|detalles)|pide\s+(?:información|aclaraciones|detalles)`,
};
const QUESTION = new RegExp(`(?<![\\p{L}])(?:${Object.values(QUESTION_WORDS).join('|')})(?![\\p{L}])|\\?$`, 'iu');

/** The sentences of an intervention that ask something, in English, French or Spanish. */
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

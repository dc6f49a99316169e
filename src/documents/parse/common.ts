import { findDates, type IsoDate } from '../../domain/dates.js';
import { trailingFrenchSpanishNumber, trailingOrdinal } from '../../domain/ordinals.js';
import type { Block } from '../read/blocks.js';
import { CONTINUATION, LABELLED, NUMBERED } from '../read/blocks.js';
import type { Footnote, Heading, ParsedDocument, RecordedTime, SubParagraph } from '../schema.js';
export { timeEvents } from '../structure.js';
import { timeEvents } from '../structure.js';

const SENTENCE_END = '.?!:;';
const CLOSERS = '"”’)]';

/**
 * Whether text ends a sentence: a final mark, then perhaps closing quotes or brackets. Read
 * backwards from the end: an end-anchored regex scans the whole text, and paragraph texts
 * grow with every block joined to them, which made parsing quadratic.
 */
export const TERMINAL = {
  test(text: string): boolean {
    let i = text.length - 1;
    while (i >= 0 && CLOSERS.includes(text[i]!)) i--;
    return i >= 0 && SENTENCE_END.includes(text[i]!);
  },
};

/** Lower case with single spaces and straight apostrophes, for comparing printed text. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

export function emptyDocument(): ParsedDocument {
  return {
    kind: 'unknown',
    symbol: null,
    symbolDerived: false,
    title: null,
    language: null,
    committee: null,
    country: null,
    session: null,
    meeting: null,
    issued: null,
    held: null,
    chair: null,
    paragraphs: [],
    interventions: [],
    followUp: { paragraphs: [], evaluations: [] },
    deadlines: [],
    warnings: [],
    headings: [],
    footnotes: [],
    meetingDetails: null,
    observations: null,
    evaluation: null,
  };
}

/** The printed paragraph number and the text after it, or null for an unnumbered block. */
export function paragraphNumber(text: string): { number: number; rest: string } | null {
  const m = NUMBERED.exec(text);
  return m ? { number: Number(m[1]), rest: text.slice(m[0].length) } : null;
}

export function subParagraphLabel(text: string): SubParagraph | null {
  const m = LABELLED.exec(text);
  return m ? { label: m[1]!, text: text.slice(m[0].length).trim() } : null;
}

/** Whether a block of body text only carries on the sentence of the block before it. */
export function isContinuation(text: string): boolean {
  return CONTINUATION.test(text);
}

/** The document's issue date: "Distr.: General 6 October 2021", the date on the next lines when it is not on the same one. */
export function issueDate(blocks: readonly Block[]): IsoDate | null {
  const at = blocks.findIndex((b) => /\bDistr\.?\s*:?/i.test(b.text));
  if (at < 0) return null;
  for (const b of blocks.slice(at, at + 4)) {
    const date = findDates(b.text)[0];
    if (date) return date.iso;
  }
  return null;
}

/** The first symbol printed on a line of its own near the top. */
export function printedSymbol(blocks: readonly Block[]): string | null {
  return blocks.slice(0, 40).find((b) => b.symbolOnly)?.symbolOnly ?? null;
}

/** The Spanish session noun, with the number after it in some copies ("Período de sesiones 41°"), or the French one, glued or not. */
const SESSION_FR_ES = /(?<![\p{L}])per[ií]odo\s+de\s+sesiones(?:\s+(\d{1,3})\s*[º°])?|(?<=[\p{L}\s])session(?![\p{L}])/giu;
/** Digits before the noun: "94º período", "13 . º período", "50° período"; "59e session", "101 e session". */
const SPANISH_DIGITS = /(\d{1,3})\s*(?:\.\s*)?(?:[º°oª]|er)?\s*$/u;
const FRENCH_DIGITS = /(\d{1,3})\s*(?:e|ème|eme|ᵉ)\s*$/u;

const SESSION_TEXT_LIMIT = 20_000;

/**
 * The session named in text: "Thirty-third session", "its one hundred and fourth session", "(33rd session)";
 * in French "Quatre-vingt-dix-neuvième session", "101e session", "Quatorzièmesession" (glued);
 * in Spanish "71º período de sesiones", "Quinto período de sesiones", "Período de sesiones 41°".
 */
export function sessionIn(input: string): number | null {
  // A document names its session near its top: a header that swallowed a whole body is not read to the end.
  const text = input.length > SESSION_TEXT_LIMIT ? input.slice(0, SESSION_TEXT_LIMIT) : input;
  for (const m of text.matchAll(SESSION_FR_ES)) {
    if (m[1]) return Number(m[1]);
    // The ordinal ends the text before the noun, on the same line.
    const before = text.slice(Math.max(0, m.index - 60), m.index).split('\n').pop()!;
    const digits = (/^s/i.test(m[0]) ? FRENCH_DIGITS : SPANISH_DIGITS).exec(before)?.[1];
    const words = before.replace(/[()*]/g, ' ');
    // Word-era conversions glue the possessive to the ordinal: "à saquatre-vingt-deuxième session".
    const n = digits ? Number(digits) : (trailingFrenchSpanishNumber(words) ?? trailingFrenchSpanishNumber(words.replace(/(?:^|\s)(sa|su|la|de|du)(?=\p{Ll}{4,}\S*\s*$)/u, ' $1 ')));
    if (n !== null && n > 0) return n;
  }
  for (const m of text.matchAll(/\bsession\b/gi)) {
    // PDF conversions split ordinals: "103 rd session", "Eight ieth session".
    const before = text.slice(Math.max(0, m.index - 60), m.index).replace(/[()]/g, ' ').replace(/(\d)\s+(st|nd|rd|th)\s*$/i, '$1$2');
    const n = trailingOrdinal(before) ?? trailingOrdinal(before.replace(/(\p{L})\s(\p{Ll}+)\s*$/u, '$1$2'));
    if (n !== null && n > 0) return n;
  }
  return null;
}

/** Collects the structural pieces of a body as a parser walks it. */
export class BodyCollector {
  readonly headings: Heading[] = [];
  readonly footnotes: Footnote[] = [];
  readonly times: RecordedTime[] = [];

  footnote(block: Block): void {
    this.footnotes.push({ mark: block.footnote ?? '*', text: block.text, lines: [block.from, block.to] });
  }

  heading(block: Block): void {
    this.headings.push({ text: block.text, lines: [block.from, block.to] });
  }

  /** Records the block if it is a time line; says whether it was. */
  time(block: Block): boolean {
    const events = timeEvents(block.text);
    if (!events) return false;
    for (const e of events) this.times.push({ ...e, text: block.text, lines: [block.from, block.to] });
    return true;
  }
}

/** A body block that is a heading: mark-up says so, or it is a short line without final punctuation. */
export function looksLikeHeading(block: Block): boolean {
  if (block.headingLevel > 0) return true;
  if (NUMBERED.test(block.text) || LABELLED.test(block.text) || isContinuation(block.text)) return false;
  if (TERMINAL.test(block.text)) return false;
  return block.text.length <= 250 && /^[\p{Lu}\p{N}"“(]/u.test(block.text);
}

/** Text appended to a paragraph that a page break or a footnote cut in two. */
export function joinText(head: string, tail: string): string {
  // The head is not read: it may hold many joined blocks, and reading a string grown by joins
  // copies it whole each time. Block texts never end in a space, so only the tail needs spacing.
  return `${head} ${tail.trimStart().replace(/\s+/g, ' ')}`;
}

import { DateTime } from 'luxon';
import { COMMITTEES, type CommitteeCode } from '../domain/committees.js';
import { countriesNear, countryCode, normalizeName } from '../domain/countries.js';
import { findDates, type IsoDate } from '../domain/dates.js';
import { findSymbols, type SymbolMatch } from '../domain/symbols.js';
import { parseParagraphRefs } from '../documents/parse/references.js';
import type { ParagraphRef } from '../documents/schema.js';

/**
 * The things a question names, whatever its wording: a document symbol, paragraph
 * references ("para 36 (b)", "§ 16", "36(b)"), a State party by name, official name,
 * demonym or code, a committee, a meeting number, a date, a span of days, a person.
 */
export interface Entities {
  symbol: SymbolMatch | null;
  refs: ParagraphRef[];
  country: string | null;
  committee: CommitteeCode | null;
  meeting: number | null;
  date: IsoDate | null;
  days: number | null;
  /** A person named with a title ("Mr. Charef") or a known speaker's surname. */
  person: string | null;
  /** A word that is no State's name but is close to some ("Azerbajan"): the nearest, best first. */
  countryGuess: { word: string; codes: string[] } | null;
  /** The question with the things above taken out. */
  rest: string;
}

/** Names of people who have spoken, to tell "Abramenko at 463" from a search term. */
export interface Lexicon {
  speakerKeys: ReadonlySet<string>;
}

const EMPTY_LEXICON: Lexicon = { speakerKeys: new Set() };
/** English, French and Spanish titles: "M." only with its point, so that an initial M is no title. */
const TITLE = /\b(?:(?:Mr|Ms|Mrs|Miss|Mme|Mlle|Dr|Dra|Sir|Dame|Sra|Srta|Sr)\.?|M\.)\s+((?:(?:de|da|del|van|von|al|el|le|la|bin|ben)\s+)*[\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+){0,3})/u;
const PARA_WORD = /(?:\b(?:para(?:graph)?s?|paras?)\b\.?|§{1,2}|¶)\s*(?=\d)/gi;
const BARE_REF = /\b(\d{1,3})\s*\(\s*[a-z]{1,4}\s*\)/gi;
/** Short words that are also country codes ("in", "at", "to", "me"): codes count only in capitals. */
const COMMITTEE_WORDS = new Map(COMMITTEES.map((c) => [c.code.toLowerCase(), c.code]));
const AMBIGUOUS_COMMITTEES = new Set(['cat', 'ced']);

function cut(text: string, from: number, length: number): string {
  return `${text.slice(0, from)} ${text.slice(from + length)}`;
}

function findRefs(text: string): { refs: ParagraphRef[]; spans: Array<[number, number]> } {
  const refs: ParagraphRef[] = [];
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(PARA_WORD)) {
    const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 60);
    const found = parseParagraphRefs(tail);
    if (found.length === 0) continue;
    refs.push(...found);
    const end = /^[\d\s(),a-z–—-]*?(?=\s+[a-z]{2,}\b(?!\))|$)/i.exec(tail)?.[0].length ?? 0;
    spans.push([m.index, m[0].length + Math.max(end, String(found[0]!.paragraph).length)]);
  }
  if (refs.length === 0) {
    for (const m of text.matchAll(BARE_REF)) {
      const found = parseParagraphRefs(text.slice(m.index, m.index + 40));
      refs.push(...found.slice(0, 1));
      spans.push([m.index, m[0].length]);
    }
  }
  return { refs, spans };
}

function findCountryIn(text: string): { code: string; at: number; length: number } | null {
  const words = [...text.matchAll(/[\p{L}][\p{L}'’.-]*/gu)];
  for (let n = Math.min(7, words.length); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const first = words[i]!;
      const last = words[i + n - 1]!;
      const phrase = text.slice(first.index, last.index + last[0].length).replace(/[.]+$/, '');
      const previous = words[i - 1]?.[0];
      if (previous && /^(?:Mr|Ms|Mrs|Miss|Mme|Mlle|Dr|Dra|Sir|Dame|Sra|Srta|Sr|M)\.?$/.test(previous)) continue;
      if (n === 1 && phrase.length <= 3 && phrase !== phrase.toUpperCase()) continue;
      if (n === 1 && COMMITTEE_WORDS.has(phrase.toLowerCase())) continue;
      const code = countryCode(phrase);
      if (code) return { code, at: first.index, length: last.index + last[0].length - first.index };
    }
  }
  return null;
}

export function extractEntities(question: string, lexicon: Lexicon = EMPTY_LEXICON): Entities {
  let rest = question;
  const symbol = findSymbols(rest)[0] ?? null;
  if (symbol) rest = cut(rest, symbol.index, symbol.text.length);

  // "SR.463", "SR 463": a summary record's number without its committee, not Suriname.
  let recordNumber: number | null = null;
  const sr = symbol ? null : /\bSR\s*\.?\s*(\d{1,5})\b/i.exec(rest);
  if (sr) {
    recordNumber = Number(sr[1]);
    rest = cut(rest, sr.index, sr[0].length);
  }

  const { refs, spans } = findRefs(rest);
  for (const [at, length] of [...spans].reverse()) rest = cut(rest, at, length);

  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(rest);
  const written = findDates(rest)[0];
  let date: IsoDate | null = null;
  if (iso && DateTime.fromISO(iso[1]!).isValid) {
    date = iso[1]!;
    rest = cut(rest, iso.index, iso[0].length);
  } else if (written) {
    date = written.iso;
    rest = cut(rest, written.index, written.text.length);
  }

  let days: number | null = null;
  const span = /\b(?:in|within|next|coming)\s+(\d{1,4})\s*(days?|weeks?|months?)\b/i.exec(rest);
  if (span) {
    const n = Number(span[1]);
    days = /week/i.test(span[2]!) ? n * 7 : /month/i.test(span[2]!) ? n * 30 : n;
    rest = cut(rest, span.index, span[0].length);
  }

  let person: string | null = null;
  const titled = TITLE.exec(rest);
  if (titled) {
    person = titled[0].replace(/[?!.,;:]+$/, '').trim();
    rest = cut(rest, titled.index, titled[0].length);
  }

  let committee: CommitteeCode | null = symbol?.parsed.committee ?? null;
  for (const m of rest.matchAll(/\b[A-Za-z]{3,5}\b/g)) {
    const code = COMMITTEE_WORDS.get(m[0].toLowerCase());
    if (!code || (AMBIGUOUS_COMMITTEES.has(m[0].toLowerCase()) && m[0] !== m[0].toUpperCase())) continue;
    committee ??= code;
    rest = cut(rest, m.index, m[0].length);
    break;
  }

  const place = findCountryIn(rest);
  let country = symbol?.parsed.country ?? null;
  if (place) {
    country ??= place.code;
    rest = cut(rest, place.at, place.length);
  }

  if (!person && lexicon.speakerKeys.size > 0) {
    // The longest run of words that names someone who spoke: "Corzo Sosa" before "Corzo".
    const words = [...rest.matchAll(/[\p{L}][\p{L}'’-]{2,}/gu)];
    search: for (let n = Math.min(3, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const first = words[i]!;
        const last = words[i + n - 1]!;
        const phrase = rest.slice(first.index, last.index + last[0].length);
        if (lexicon.speakerKeys.has(normalizeName(phrase))) {
          person = phrase;
          rest = cut(rest, first.index, phrase.length);
          break search;
        }
      }
    }
  }

  let meeting: number | null = symbol?.parsed.meeting ?? recordNumber;
  const numbered = /\b(?:meeting|sr\.?)\s*(?:no\.?\s*)?(\d{1,5})\b|\b(\d{1,5})(?:st|nd|rd|th)?\s+meeting\b|(?:^|\s)(\d{1,5})(?=\s|[?!.]*$)/i.exec(rest);
  if (numbered && meeting === null) {
    meeting = Number(numbered[1] ?? numbered[2] ?? numbered[3]);
    rest = cut(rest, numbered.index, numbered[0].length);
  }

  rest = rest.replace(/\s+/g, ' ').trim();
  return { symbol, refs, country, committee, meeting, date, days, person, countryGuess: country ? null : guessCountry(rest), rest };
}

/**
 * A mistyped State: a capitalized word, or one of six letters or more, within a letter or two of
 * a State's name. Short lower-case words ("woman", "chat") are ordinary words.
 */
function guessCountry(rest: string): { word: string; codes: string[] } | null {
  for (const m of rest.matchAll(/[\p{L}][\p{L}'’-]{3,}/gu)) {
    const word = m[0];
    if (word.length < 6 && word[0] !== word[0]!.toUpperCase()) continue;
    const near = countriesNear(word);
    if (near.length) return { word, codes: near.map((n) => n.code) };
  }
  return null;
}

const ROMAN = /^(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})$/;

/**
 * A reference that goes below a lettered item, "36(c)(ii)" or "para 36 (c) (ii)": the item and
 * the levels under it. Lists such as "36 (a) and (b)" are not nested.
 */
export function nestedRef(text: string): { paragraph: number; item: string; nested: string[] } | null {
  const m = /\b(\d{1,3})\s*\(\s*([a-z]{1,2})\s*\)((?:\s*\(\s*[ivx]{1,4}\s*\))+)/i.exec(text);
  if (!m) return null;
  const nested = [...m[3]!.matchAll(/[ivx]+/gi)].map((n) => n[0].toLowerCase());
  if (!nested.every((n) => ROMAN.test(n))) return null;
  return { paragraph: Number(m[1]), item: m[2]!.toLowerCase(), nested };
}

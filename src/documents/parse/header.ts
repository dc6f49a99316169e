import { committeeFromText, type CommitteeCode } from '../../domain/committees.js';
import { findCountry } from '../../domain/countries.js';
import { findDates, type IsoDate } from '../../domain/dates.js';
import { findSymbols, parseSymbol } from '../../domain/symbols.js';
import type { Block } from '../read/blocks.js';
import type { DocumentKind } from '../schema.js';
import { issueDate, paragraphNumber, printedSymbol } from './common.js';

/** What the top of any treaty-body document says about it. */
export interface DocumentHeader {
  /** The symbol printed on a line of its own, canonical. */
  symbol: string | null;
  issued: IsoDate | null;
  committee: CommitteeCode | null;
  title: string | null;
  /** The header's text, for the kind-specific parsers to search. */
  text: string;
}

const TITLES: Array<[RegExp, DocumentKind | 'other']> = [
  [/^evaluation of the information on follow-up to the concluding observations\b/i, 'follow-up-evaluation'],
  [/^report on follow-up to the concluding observations\b/i, 'follow-up-evaluation'],
  [/^information received from\b.{0,200}\bon follow-up to the concluding observations\b/i, 'follow-up-reply'],
  // Replies of the 2000s, issued as addenda to the concluding observations.
  [/^(?:comments|observations|replies|information)\s+(?:by|of|from|provided by|received from)\s+the\s+government\s+of\b.{0,200}\bconcluding\s+(?:observations|comments)\b/i, 'follow-up-reply'],
  [/^concluding observations on\b/i, 'concluding-observations'],
  // Word-era and library titles: "Concluding observations of the Committee on the Rights of the Child: Peru".
  // Only a title: what follows names whose observations they are or the State, never a verb ("Concluding observations had followed ...").
  [/^[Cc][Oo][Nn][Cc][Ll][Uu][Dd][Ii][Nn][Gg]\s+[Oo][Bb][Ss][Ee][Rr][Vv][Aa][Tt][Ii][Oo][Nn][Ss](?:\s+(?:of|by|adopted|OF|BY|ADOPTED)\b|\s+\p{Lu}|\s*[:–—-]|\s*$)/u, 'concluding-observations'],
  [/^summary record\b/i, 'summary-record'],
  [/^(?:compte rendu analytique|acta resumida)\b/i, 'summary-record'],
  [/^list of issues\b/i, 'list-of-issues'],
  // CERD's list of themes is its list of issues: no written replies, a guide to the dialogue.
  [/^list of themes\b/i, 'list-of-issues'],
  [/^(?:replies of|.{0,60}periodic reports?\b.{0,40}\bdue in\b)/i, 'other'],
];

function headBlocks(blocks: readonly Block[]): Block[] {
  const head: Block[] = [];
  for (const b of blocks) {
    if (paragraphNumber(b.text) || /^paragraph\s+\d+\s*[:.]/i.test(b.text) || head.length >= 30) break;
    if (!b.footnote) head.push(b);
  }
  return head;
}

/** A page that starts with its running header, run into the text ("CAT/C/GBR/CO/6 9. The Committee ..."). */
function leadingSymbol(blocks: readonly Block[]): string | null {
  const first = blocks.find((b) => !b.footnote);
  const match = first ? findSymbols(first.text.slice(0, 60))[0] : undefined;
  return match && match.index === 0 ? match.symbol : null;
}

/** Copies from document catalogues (bayefsky.com) name the symbol and the kind on one line: "CRC/C/Q/MEX/2. (List of Issues)". */
function catalogueSymbol(head: readonly Block[]): string | null {
  for (const b of head.slice(0, 6)) {
    for (const s of findSymbols(b.text)) {
      if (/^\.\s*\([A-Z][A-Za-z/ ]{2,40}\)/.test(b.text.slice(s.index + s.text.length, s.index + s.text.length + 50))) return s.symbol;
    }
  }
  return null;
}

/** Word-era headers glue a symbol that ends in letters to the date: "CCPR/C/80/L/LTU28 November 2003". */
function gluedToDate(head: readonly Block[]): { symbol: string; issued: IsoDate } | null {
  for (const b of head.slice(0, 12)) {
    if (b.text.length > 80) continue;
    const m = /^(\S+[A-Z])(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})$/.exec(b.text.trim());
    const symbol = m ? findSymbols(m[1]!).find((s) => s.text === m[1]) : undefined;
    const date = m ? findDates(m[2]!)[0] : undefined;
    if (symbol && date) return { symbol: symbol.symbol, issued: date.iso };
  }
  return gluedNumberToDate(head);
}

/**
 * French and Spanish Word-era headers glue a record's number to the day: "CRC/C/SR.112524 mai 2006",
 * "CCPR/C/SR.257614 de septiembre de 2009". The split is the one whose number the title prints
 * ("1125e SÉANCE", "2576ª SESIÓN"); without one, the two-digit day.
 */
function gluedNumberToDate(head: readonly Block[]): { symbol: string; issued: IsoDate } | null {
  const text = head.map((b) => b.text).join('\n');
  for (const b of head.slice(0, 12)) {
    if (b.text.length > 80) continue;
    const m = /^(\S+?\.)(\d{2,7})(\s+(?:de\s+)?\p{L}{3,10}\s+(?:de\s+)?\d{4})$/u.exec(b.text.trim());
    if (!m) continue;
    const splits = [2, 1]
      .filter((day) => m[2]!.length > day)
      .map((day) => ({ number: m[2]!.slice(0, -day), date: findDates(`${m[2]!.slice(-day)}${m[3]}`)[0], symbol: findSymbols(`${m[1]}${m[2]!.slice(0, -day)}`)[0] }))
      .filter((x) => x.date && x.symbol && x.symbol.index === 0);
    const titled = splits.find((x) => new RegExp(`(?<!\\d)${x.number}\\s?(?:e|ème|ª|º|th|st|nd|rd)`, 'iu').test(text));
    const chosen = titled ?? splits[0];
    if (chosen) return { symbol: chosen.symbol!.symbol, issued: chosen.date!.iso };
  }
  return null;
}

export function readHeader(blocks: readonly Block[]): DocumentHeader {
  const head = headBlocks(blocks);
  const text = head.map((b) => b.text).join('\n');
  // A catalogue's line gives the symbol in its canonical form; the copy below it may misprint it ("E/C.12/Q/GER.1").
  const symbol = catalogueSymbol(head) ?? printedSymbol(blocks) ?? gluedToDate(head)?.symbol ?? leadingSymbol(blocks);
  const fromSymbol = symbol ? parseSymbol(symbol)?.committee ?? null : null;
  // Titles give kind; the most specific title of the header wins (an evaluation is an addendum to a report).
  let title: string | null = null;
  let rank = TITLES.length;
  for (const b of head) {
    const i = TITLES.findIndex(([re]) => re.test(b.text));
    if (i >= 0 && i < rank) {
      rank = i;
      title = b.text.replace(/\*+$/, '').trim();
    }
  }
  return { symbol, issued: issueDate(head) ?? gluedToDate(head)?.issued ?? null, committee: committeeFromText(text) ?? fromSymbol, title, text };
}

export interface KindVerdict {
  kind: DocumentKind;
  /** Why a document was not recognised, or what else it was recognised as. */
  warning: string | null;
}

export function detectKind(header: DocumentHeader, fullText: string): KindVerdict {
  const bySymbol = header.symbol ? parseSymbol(header.symbol)?.type : undefined;
  const byTitle = header.title ? TITLES.find(([re]) => re.test(header.title!))?.[1] : undefined;
  // A follow-up report is one by its title, graded or not (a cover report prints only the legend).
  if (byTitle === 'follow-up-evaluation' || hasEvaluationLine(fullText)) {
    return { kind: 'follow-up-evaluation', warning: null };
  }
  // An addendum to concluding observations ("CCPR/C/HUN/CO/6/Add.1") titled as the State's reply is that reply.
  if (bySymbol === 'concluding-observations' && byTitle === 'follow-up-reply') return { kind: 'follow-up-reply', warning: null };
  if (bySymbol === 'summary-record' || bySymbol === 'concluding-observations' || bySymbol === 'follow-up-reply' || bySymbol === 'list-of-issues') {
    return { kind: bySymbol, warning: null };
  }
  if (byTitle && byTitle !== 'other') return { kind: byTitle, warning: null };
  // A copy that lost its header still opens with the paragraph that says what was adopted.
  if (/\badopted\b[\s\S]{0,200}?\bthe\s+following\s+(?:concluding\s+observations|comments)\b/i.test(fullText.slice(0, 1500))) {
    return { kind: 'concluding-observations', warning: null };
  }
  if (header.committee || header.symbol) {
    const what = header.title ? `"${header.title}"` : header.symbol ? `document ${header.symbol}` : 'this document';
    return {
      kind: 'unknown',
      warning: `${what} is a treaty-body document, but not one Rapporteur reads yet: it reads summary records, concluding observations, follow-up evaluations, follow-up replies and lists of issues.`,
    };
  }
  return {
    kind: 'unknown',
    warning: 'Not a treaty-body document: no UN document symbol, committee name or document title was found.',
  };
}

/**
 * An addendum laid out as CCPR's are, whatever its title: follow-up paragraphs named and an
 * evaluation line that grades them ("Committee's evaluation: ... 46[C][B]").
 */
function hasEvaluationLine(text: string): boolean {
  const head = text.slice(0, 20_000);
  const line = /\bevaluation\s*:/i.exec(head);
  return /\bfollow-?up paragraphs?\s*:/i.test(head) && line !== null && /\d\s*\[\s*[A-E]\d?\s*\]/.test(head.slice(line.index, line.index + 400));
}

/** The State party a title is about: "... report of the Plurinational State of Bolivia". */
export function countryFromTitle(title: string | null): string | null {
  return title ? findCountry(title) : null;
}

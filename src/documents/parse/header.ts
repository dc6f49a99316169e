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
  // French and Spanish: "Évaluation des renseignements reçus au titre du suivi ...", "Rapport sur le suivi des observations finales",
  // "Evaluación de la información sobre el seguimiento ...", "Informe sobre el seguimiento de las observaciones finales".
  [/^[ée]valuation\s+des\s+(?:renseignements|informations)\b.{0,80}\bsuivi\b/iu, 'follow-up-evaluation'],
  [/^evaluaci[óo]n\s+de\s+la\s+informaci[óo]n\b.{0,80}\bseguimiento\b/iu, 'follow-up-evaluation'],
  [/^rapport\s+sur\s+le\s+suivi\s+des\s+observations\s+finales\b/i, 'follow-up-evaluation'],
  [/^informe\s+(?:sobre\s+el|de)\s+seguimiento\s+(?:de|relativo\s+a)\s+las\s+observaciones\s+finales\b/i, 'follow-up-evaluation'],
  [/^information received from\b.{0,200}\bon follow-up to the concluding observations\b/i, 'follow-up-reply'],
  // Replies of the 2000s, issued as addenda to the concluding observations.
  [/^(?:comments|observations|replies|information)\s+(?:by|of|from|provided by|received from)\s+the\s+government\s+of\b.{0,200}\bconcluding\s+(?:observations|comments)\b/i, 'follow-up-reply'],
  // "Renseignements reçus de l'État partie au sujet de la suite donnée aux observations finales", "Información recibida del Estado parte sobre el seguimiento de las observaciones finales".
  [/^(?:renseignements|informations)\s+reçu(?:e)?s\s+d.{0,200}\b(?:suite\s+donnée|suivi)\b.{0,80}\bobservations\s+finales\b/iu, 'follow-up-reply'],
  [/^informaci[óo]n\s+recibida\s+d.{0,200}\bseguimiento\b.{0,80}\bobservaciones\s+finales\b/iu, 'follow-up-reply'],
  [/^(?:commentaires|observations|réponses|renseignements)\s+(?:du|présentés\s+par\s+le)\s+gouvernement\b.{0,200}\bobservations\s+finales\b/iu, 'follow-up-reply'],
  [/^(?:comentarios|observaciones|respuestas|información)\s+(?:del|presentad[oa]s?\s+por\s+el)\s+gobierno\b.{0,200}\bobservaciones\s+finales\b/iu, 'follow-up-reply'],
  [/^concluding observations on\b/i, 'concluding-observations'],
  // Word-era and library titles: "Concluding observations of the Committee on the Rights of the Child: Peru".
  // Only a title: what follows names whose observations they are or the State, never a verb ("Concluding observations had followed ...").
  [/^[Cc][Oo][Nn][Cc][Ll][Uu][Dd][Ii][Nn][Gg]\s+[Oo][Bb][Ss][Ee][Rr][Vv][Aa][Tt][Ii][Oo][Nn][Ss](?:\s+(?:of|by|adopted|OF|BY|ADOPTED)\b|\s+\p{Lu}|\s*[:–—-]|\s*$)/u, 'concluding-observations'],
  // "Observations finales concernant le rapport ...", "Observations finales du Comité ...", "Observations finales : Togo"; the same in Spanish.
  [/^observations\s+finales(?:\s+(?:concernant|sur|relatives?|du|de|des|adoptées)\b|\s+\p{Lu}|\s*[:–—-]|\s*\*?\s*$)/iu, 'concluding-observations'],
  [/^observaciones\s+finales(?:\s+(?:sobre|relativas|del|de|aprobadas)\b|\s+\p{Lu}|\s*[:–—-]|\s*\*?\s*$)/iu, 'concluding-observations'],
  [/^summary record\b/i, 'summary-record'],
  [/^(?:compte rendu analytique|acta resumida)\b/i, 'summary-record'],
  [/^list of issues\b/i, 'list-of-issues'],
  // CERD's list of themes is its list of issues: no written replies, a guide to the dialogue.
  [/^list of themes\b/i, 'list-of-issues'],
  // "Liste de points concernant ...", "Liste des points à traiter ...", "Lista de cuestiones relativa ...", "Liste des thèmes", "Lista de temas".
  [/^list[ea]\s+(?:de|des)\s+(?:points|questions|cuestiones|th[èe]mes|temas)\b/iu, 'list-of-issues'],
  [/^(?:replies of|.{0,60}periodic reports?\b.{0,40}\bdue in\b)/i, 'other'],
  // Written replies to a list of issues, and periodic reports ("Rapports périodiques ... attendus en 2010").
  [/^(?:réponses\s+(?:de|du|des)\b|respuestas\s+(?:de|del)\b|.{0,60}rapports?\s+périodiques?\b.{0,40}\battendus?\s+en\b|.{0,60}informes?\s+periódicos?\b.{0,60}\bque\s+deb[ií]an\s+presentarse\s+en\b)/iu, 'other'],
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

/** Word-era headers glue a symbol that ends in letters to the date: "CCPR/C/80/L/LTU28 November 2003"; French and Spanish ones glue numbers too. */
function gluedToDate(head: readonly Block[]): { symbol: string; issued: IsoDate } | null {
  for (const b of head.slice(0, 12)) {
    if (b.text.length > 80) continue;
    const m = /^(\S+[A-Z])(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})$/.exec(b.text.trim());
    const symbol = m ? findSymbols(m[1]!).find((s) => s.text === m[1]) : undefined;
    const date = m ? findDates(m[2]!)[0] : undefined;
    if (symbol && date) return { symbol: symbol.symbol, issued: date.iso };
  }
  return gluedNumberToDate(head) ?? gluedReportNumberToDate(head);
}

/** "CCPR/C/GBR/CO/630 juillet 2008", "CCPR/C/FRA/CO/431 de julio de 2008": a report's number glued to the day; the day takes two digits when they make a date. */
function gluedReportNumberToDate(head: readonly Block[]): { symbol: string; issued: IsoDate } | null {
  for (const b of head.slice(0, 12)) {
    if (b.text.length > 80) continue;
    const line = b.text.trim();
    for (const at of otherGlued(line)) {
      const symbol = findSymbols(line.slice(0, at)).find((s) => s.text === line.slice(0, at));
      const date = findDates(line.slice(at))[0];
      if (symbol && date && date.index === 0) return { symbol: symbol.symbol, issued: date.iso };
    }
  }
  return null;
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

/** Where a French or Spanish date may start in "SYMBOL15 mars 2010": at its two-digit day, then at one digit. */
function otherGlued(line: string): number[] {
  const m = /(\d{1,2})(?:er)?\s+(?:de\s+)?\p{L}+\s+(?:de\s+)?\d{4}$/u.exec(line);
  if (!m) return [];
  return m[1]!.length === 2 ? [m.index, m.index + 1] : [m.index];
}

export function readHeader(blocks: readonly Block[]): DocumentHeader {
  const head = headBlocks(blocks);
  const text = head.map((b) => b.text).join('\n');
  // A catalogue's line gives the symbol in its canonical form; the copy below it may misprint it ("E/C.12/Q/GER.1").
  // A date glued to the symbol is the issue date, before any date of the session lines below it.
  const glued = gluedToDate(head);
  const symbol = catalogueSymbol(head) ?? printedSymbol(blocks) ?? glued?.symbol ?? leadingSymbol(blocks);
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
  return { symbol, issued: glued?.issued ?? issueDate(head) ?? null, committee: committeeFromText(text) ?? fromSymbol, title, text };
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
  if (ADOPTED_OBSERVATIONS.test(fullText.slice(0, 1500))) {
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
  const line = /(?<!\p{L})(?:evaluation|évaluation|evaluación)(?:\s+du\s+comité|\s+del\s+comité)?\s*:/iu.exec(head);
  return FOLLOW_UP_PARAGRAPHS.test(head) && line !== null && /\d\s*\[\s*[A-E]\d?\s*\]/.test(head.slice(line.index, line.index + 400));
}

/** "Follow-up paragraphs:", "Paragraphes faisant l'objet d'un suivi :", "Párrafos objeto de seguimiento:". */
const FOLLOW_UP_PARAGRAPHS = /\bfollow-?up paragraphs?\s*:|\bparagraphes?\b[^:\n]{0,40}\bsuivi\s*:|\bpárrafos?\b[^:\n]{0,40}\bseguimiento\s*:/iu;

/** The adoption sentence of paragraph 1: "adopted ... the following concluding observations", "a adopté les observations finales ci-après", "aprobó las siguientes observaciones finales". */
const ADOPTED_OBSERVATIONS =
  /\badopted\b[\s\S]{0,200}?\bthe\s+following\s+(?:concluding\s+observations|comments)\b|\ba\s+adopté(?!\p{L})[\s\S]{0,200}?\bobservations\s+finales\b|\baprobó(?!\p{L})[\s\S]{0,200}?\bobservaciones\s+finales\b/iu;

/** The State party a title is about: "... report of the Plurinational State of Bolivia". */
export function countryFromTitle(title: string | null): string | null {
  return title ? findCountry(title) : null;
}

import { findDates, type IsoDate } from '../../domain/dates.js';
import type { CommitteeCode } from '../../domain/committees.js';
import { findSymbols, type SymbolType } from '../../domain/symbols.js';
import type { Block } from '../read/blocks.js';
import type { DocumentHeader } from './header.js';

/**
 * What a header says when it is not laid out as the standard one: library and viewer copies
 * run the header together on one line ("UNEDITED VERSION CRC/C/GBR/CO/4 3 October 2008"),
 * print the symbol in their own title line ("U.N. Doc. CRC/C/PER/CO/3 (2006)."), put the date
 * under the symbol with no "Distr." label, or start with a running header ("CAT/OP/HND/3 I.
 * Introduction 1. ..."). Each reader here looks only at the first blocks of the document.
 */

const HEAD_BLOCKS = 25;
/** How much of a block run together with the body is read as header. */
const HEAD_CHARS = 400;

/** "United NationsCEDAW/C/PAK/CO/4": a symbol glued to the word before it. */
const GLUED_SYMBOL = /(?<=[a-z])(?=(?:CCPR|CERD|CEDAW|CAT|CRC|CMW|CRPD|CED|E\/C\.12)\/)/g;

function headTexts(blocks: readonly Block[]): string[] {
  return blocks
    .slice(0, HEAD_BLOCKS)
    .filter((b) => !b.footnote)
    .map((b) => b.text.slice(0, HEAD_CHARS).replace(GLUED_SYMBOL, ' '));
}

/** The first symbol of one of the given types printed in the head, canonical, with the block it is in. */
export function symbolInHead(blocks: readonly Block[], types: readonly SymbolType[]): { symbol: string; at: number; end: number } | null {
  const texts = headTexts(blocks);
  for (let at = 0; at < texts.length; at++) {
    const match = findSymbols(texts[at]!).find((s) => types.includes(s.parsed.type));
    if (match) return { symbol: match.symbol, at, end: match.index + match.text.length };
  }
  return null;
}

/**
 * The date a header prints right after its symbol when it has no "Distr." line: on the same
 * line ("CRC/C/GBR/CO/4 3 October 2008") or on the next one ("CCPR/C/GBR/CO/6\n30 July 2008").
 */
export function dateAfterSymbol(blocks: readonly Block[], symbol: { at: number; end: number }): IsoDate | null {
  const texts = headTexts(blocks);
  const sameLine = texts[symbol.at]!.slice(symbol.end, symbol.end + 40);
  const inline = findDates(sameLine)[0];
  if (inline && sameLine.slice(0, inline.index).trim() === '') return inline.iso;
  const next = texts[symbol.at + 1];
  if (next === undefined || next.length > 40) return null;
  const below = findDates(next)[0];
  return below && next.slice(0, below.index).trim() === '' ? below.iso : null;
}

/** The committee whose symbols the first paragraphs cite, when the header names none ("(CEDAW/C/NRU/1-2)"). */
export function committeeOfCitedSymbols(texts: readonly string[]): CommitteeCode | null {
  for (const text of texts) {
    const cited = findSymbols(text.slice(0, 2000))[0];
    if (cited) return cited.parsed.committee;
  }
  return null;
}

/** "... Distr.: General 5 April 2018 CCPR/C/HUN/CO/6 ...": the date right after the label in a header run together on one line. */
export function distrDateInline(blocks: readonly Block[]): IsoDate | null {
  for (const text of headTexts(blocks)) {
    const m = /\bDistr\.?\s*:?\s*General\s+/i.exec(text);
    const date = m ? findDates(text.slice(m.index + m[0].length, m.index + m[0].length + 25))[0] : undefined;
    if (date && date.index === 0) return date.iso;
  }
  return null;
}

const MONTHS_ES_FR: Record<string, number> = {
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
};
const DATE_ES_FR = /\b(\d{1,2})(?:er)?\s+(?:de\s+)?([a-zéû]{3,10})\s+(?:de\s+)?(\d{4})\b/i;

/** The date under "Distr. general" / "Distr. générale" in Spanish and French originals: "30 de septiembre de 2021", "1er mars 2019". */
export function distrDateEsFr(blocks: readonly Block[]): IsoDate | null {
  const texts = headTexts(blocks);
  const at = texts.findIndex((t) => /\bDistr\.?\s*:?\s*g[ée]n[ée]ral/i.test(t));
  if (at < 0) return null;
  for (const text of texts.slice(at, at + 3)) {
    const m = DATE_ES_FR.exec(text);
    const month = m ? MONTHS_ES_FR[m[2]!.toLowerCase()] : undefined;
    if (m && month) return `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  }
  return null;
}

/** Fills in symbol, date and country from the head when the standard header lacks them. */
export function headFallbacks(
  blocks: readonly Block[],
  header: DocumentHeader,
  types: readonly SymbolType[],
): { symbol?: string; issued?: IsoDate; country?: string } {
  const out: { symbol?: string; issued?: IsoDate; country?: string } = {};
  const found = header.symbol ? null : symbolInHead(blocks, types);
  if (found) {
    out.symbol = found.symbol;
    const country = findSymbols(found.symbol)[0]?.parsed.country;
    if (country) out.country = country;
  }
  if (!header.issued) {
    const own = blocks.slice(0, HEAD_BLOCKS).findIndex((b) => b.symbolOnly !== null && b.symbolOnly === header.symbol);
    const anchor = found ?? (own >= 0 ? { at: own, end: blocks[own]!.text.length } : null);
    const issued = (anchor ? dateAfterSymbol(blocks, anchor) : null) ?? distrDateInline(blocks) ?? distrDateEsFr(blocks);
    if (issued) out.issued = issued;
  }
  return out;
}

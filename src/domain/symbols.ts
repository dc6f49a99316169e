import { COMMITTEES, type CommitteeCode } from './committees.js';
import { isCountryCode } from './countries.js';

/**
 * UN document symbols of the treaty bodies, parsed and formatted:
 *   CMW/C/SR.463            summary record
 *   E/C.12/2021/SR.34       summary record of CESCR (year in the symbol)
 *   CMW/C/AZE/CO/3          concluding observations on the third report
 *   CMW/C/AZE/FCO/3         the State party's follow-up reply
 *   CMW/C/AZE/QPR/3         list of issues prior to reporting (Q: list of issues)
 *   CMW/C/AZE/3             periodic report
 *   CRC/C/OPAC/AZE/CO/1     under an optional protocol
 *   CCPR/SP/SR.30           summary record of a meeting of the States parties (CRPD: CRPD/CSP/...)
 *   .../Add.1, /Corr.1, /Rev.1 addenda, corrigenda, revisions
 */

export type SymbolType =
  | 'summary-record'
  | 'concluding-observations'
  | 'follow-up-reply'
  | 'list-of-issues'
  | 'periodic-report'
  | 'other';

export interface UnSymbol {
  /** The committee's prefix as printed: "CMW", "E/C.12". */
  prefix: string;
  /** The series after the prefix: "C" (the committee), "SP"/"CSP" (the States parties); null for CESCR and the SPT. */
  series: string | null;
  committee: CommitteeCode;
  type: SymbolType;
  /** The type segment as printed in canonical case: "CO", "FCO", "QPR", "Q". */
  typeCode: string | null;
  country: string | null;
  /** CESCR summary records carry the year. */
  year: number | null;
  meeting: number | null;
  /** The report number, "3" or a combined "5-6". */
  report: string | null;
  /** "OPAC", "OPSC" for reports under an optional protocol. */
  protocol: string | null;
  /** Segments that fit none of the above (session reports: "39/3"). */
  rest: string[];
  suffixes: string[];
  /** The type segment printed before the State, as in CRC's lists of issues before 2005: "CRC/C/Q/MEX/2". */
  typeFirst?: boolean;
}

const TYPE_CODES: Record<string, SymbolType> = {
  CO: 'concluding-observations',
  FCO: 'follow-up-reply',
  QPR: 'list-of-issues',
  Q: 'list-of-issues',
  // CED under article 29 (4): additional information (AI) and the Committee's observations on it (OAI, FAI).
  AI: 'other',
  OAI: 'other',
  FAI: 'other',
};

/** Longest prefix first: "CAT/OP" before "CAT". */
/** Longest first, each with the start of a symbol it makes ("E/C.12/"), as parseSymbol compares it. */
const PREFIXES = [...COMMITTEES].sort((a, b) => b.symbolPrefix.length - a.symbolPrefix.length).map((c) => ({ ...c, start: `${c.symbolPrefix.toUpperCase()}/` }));

/** A candidate symbol in running text; validated by parseSymbol. Bounded: an unbounded run overflowed the regex stack on a long one. */
const CANDIDATE = /(?<![\w/.])(?:E\/C\.12|[A-Z]{3,5}(?:\/OP)?)\/[A-Za-z0-9.\-–/]{1,80}[A-Za-z0-9]/gi;

export function parseSymbol(input: string): UnSymbol | null {
  const text = input.trim().replace(/\s+/g, '').replace(/–/g, '-').replace(/[.,;:)]+$/, '').toUpperCase();
  const entry = PREFIXES.find((c) => text.startsWith(c.start));
  if (!entry) return null;
  const segments = text.slice(entry.symbolPrefix.length + 1).split('/');
  // Every committee but CESCR has the "C" series segment: CMW/C/...; meetings of States parties "SP" or "CSP".
  let series: string | null = null;
  if (entry.symbolPrefix !== 'E/C.12' && entry.symbolPrefix !== 'CAT/OP') {
    series = segments.shift() ?? null;
    if (series !== 'C' && series !== 'SP' && series !== 'CSP') return null;
  }
  const result: UnSymbol = {
    prefix: entry.symbolPrefix,
    series,
    committee: entry.code,
    type: 'other',
    typeCode: null,
    country: null,
    year: null,
    meeting: null,
    report: null,
    protocol: null,
    rest: [],
    suffixes: [],
  };
  while (segments.length > 0 && /^(Add|Corr|Rev)\.\d+$/i.test(segments[segments.length - 1]!)) {
    const s = segments.pop()!;
    result.suffixes.unshift(s[0]!.toUpperCase() + s.slice(1).toLowerCase());
  }
  if (segments.length === 0 || segments.some((s) => s === '')) return null;
  if (/^\d{4}$/.test(segments[0]!) && segments.length === 2) {
    result.year = Number(segments.shift());
  }
  const sr = /^SR\.(\d{1,5})$/i.exec(segments[0]!);
  if (sr && segments.length === 1) {
    result.type = 'summary-record';
    result.meeting = Number(sr[1]);
    return result;
  }
  // A States parties' series holds summary records and numbered documents only ("CERD/SP/63").
  if (result.year !== null || (series !== 'C' && series !== null && !/^\d/.test(segments[0]!))) return null;
  if (/^OP(AC|SC|IC)$/i.test(segments[0]!)) result.protocol = segments.shift()!.toUpperCase();
  const first = segments[0];
  if (first && /^[A-Z]{3}$/.test(first) && isCountryCode(first)) {
    result.country = first;
    segments.shift();
    const typeCode = segments[0];
    if (typeCode && TYPE_CODES[typeCode]) {
      result.type = TYPE_CODES[typeCode];
      result.typeCode = typeCode;
      segments.shift();
    } else {
      result.type = 'periodic-report';
    }
    const report = segments[0];
    if (report !== undefined) {
      if (!/^\d{1,2}(?:-\d{1,2})?$/.test(report) || segments.length > 1) return null;
      result.report = report;
    }
    if (result.type === 'periodic-report' && result.report === null) return null;
    return result;
  }
  // Lists of issues of CCPR before 2005 carry the session first: CCPR/C/73/L/HUN.
  if (segments.length === 3 && /^\d{1,3}$/.test(segments[0]!) && segments[1] === 'L' && isCountryCode(segments[2]!)) {
    return { ...result, type: 'list-of-issues', typeCode: 'L', country: segments[2]!, rest: [segments[0]!] };
  }
  // Lists of issues of the 1990s and early 2000s put the Q before the State: CRC/C/Q/MEX/2, E/C.12/Q/GER/1
  // (whose old codes, GER, are not ISO's: the State then comes from the title).
  if (segments[0] === 'Q' && segments.length <= 3 && /^[A-Z]{3}$/.test(segments[1] ?? '') && (segments[2] === undefined || /^\d{1,2}(?:-\d{1,2})?$/.test(segments[2]))) {
    const country = isCountryCode(segments[1]!) ? segments[1]! : null;
    return { ...result, type: 'list-of-issues', typeCode: 'Q', country, rest: country ? [] : [segments[1]!], report: segments[2] ?? null, typeFirst: true };
  }
  // Other series (session reports "39/3", general comments "GC/36"); a country code here is misplaced.
  if (!segments.every((s) => /^(?:\d{1,4}|[A-Z]{1,4}(?:\.\d+)?)$/.test(s)) || segments.some((s) => /^[A-Z]{3}$/.test(s) && isCountryCode(s))) {
    return null;
  }
  result.rest = segments;
  return result;
}

export function formatSymbol(symbol: UnSymbol): string {
  const parts: string[] = [symbol.prefix];
  if (symbol.series) parts.push(symbol.series);
  if (symbol.type === 'summary-record') {
    if (symbol.year !== null) parts.push(String(symbol.year));
    parts.push(`SR.${symbol.meeting}`);
  } else {
    if (symbol.protocol) parts.push(symbol.protocol);
    if (symbol.typeCode === 'L') parts.push(...symbol.rest, 'L');
    if (symbol.typeFirst && symbol.typeCode) parts.push(symbol.typeCode, ...symbol.rest);
    if (symbol.country) parts.push(symbol.country);
    if (symbol.typeCode && symbol.typeCode !== 'L' && !symbol.typeFirst) parts.push(symbol.typeCode);
    if (symbol.report) parts.push(symbol.report);
    if (symbol.typeCode !== 'L' && !symbol.typeFirst) parts.push(...symbol.rest);
  }
  parts.push(...symbol.suffixes);
  return parts.join('/');
}

/** The canonical spelling of a symbol, or null if it is not one. */
export function normalizeSymbol(input: string): string | null {
  const parsed = parseSymbol(input);
  return parsed ? formatSymbol(parsed) : null;
}

/** The symbol of a committee's summary record; CESCR's needs the year the meeting was held. */
export function summaryRecordSymbol(committee: CommitteeCode, meeting: number, year: number | null): string | null {
  const entry = COMMITTEES.find((c) => c.code === committee);
  if (!entry) return null;
  if (entry.symbolPrefix === 'E/C.12') return year === null ? null : `E/C.12/${year}/SR.${meeting}`;
  return `${entry.symbolPrefix}/C/SR.${meeting}`;
}

export interface SymbolMatch {
  symbol: string;
  parsed: UnSymbol;
  index: number;
  text: string;
}

/** Every valid symbol in running text, in order. */
export function findSymbols(text: string): SymbolMatch[] {
  const found: SymbolMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const parsed = parseSymbol(m[0]);
    if (parsed) found.push({ symbol: formatSymbol(parsed), parsed, index: m.index, text: m[0] });
  }
  return found;
}

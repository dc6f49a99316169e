import { findSymbols } from '../../domain/symbols.js';

/** One physical line of a document, its mark-up read and removed. */
export interface Line {
  /** 1-based line number in the file. */
  no: number;
  raw: string;
  /** The line with heading, footnote and bullet marks removed but inline mark-up kept. */
  content: string;
  /** The text a reader sees: mark-up, footnote marks and page furniture removed. */
  text: string;
  blank: boolean;
  /** Markdown heading level, 0 when the line is not a heading. */
  headingLevel: number;
  /** A horizontal rule. */
  rule: boolean;
  /** The mark of a footnote this line defines ("*", "1"), or null. */
  footnote: string | null;
  /** Page furniture: a running symbol, job number, barcode or page number. */
  furniture: boolean;
  /** A line consisting of a document symbol only (the document's own, or a running header). */
  symbolOnly: string | null;
  bullet: boolean;
}

const ESCAPABLE = /\\([\\`*_{}[\]()#+\-.!|<>~])/g;
const PLACEHOLDER_BASE = 0xe000;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”' };

/** Backslash escapes become private-use characters so that mark-up removal cannot touch them. */
function protectEscapes(s: string): string {
  return s.replace(ESCAPABLE, (_m, ch: string) => String.fromCharCode(PLACEHOLDER_BASE + ch.charCodeAt(0)));
}
function restoreEscapes(s: string): string {
  return s.replace(/[\ue000-\ue0ff]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - PLACEHOLDER_BASE));
}

/**
 * The character a numeric reference names, or the reference as printed when it names none:
 * beyond U+10FFFF (where String.fromCodePoint throws), a surrogate half, or NUL.
 */
function characterReference(reference: string, code: number): string {
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : reference;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (m, d: string) => characterReference(m, Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (m, h: string) => characterReference(m, parseInt(h, 16)))
    .replace(/&([a-z]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m);
}

/**
 * Replaces each `open`…`]` (followed by `(`…`)` when `link`) as the regex
 * /open([^\]]*)\](\([^)]*\))?/g would, in one pass: a regex engine retries at every "["
 * and reads to the next "]" each time, quadratic on a line of brackets.
 */
function replaceBracketed(s: string, open: string, link: boolean, by: (inner: string, whole: string) => string): string {
  let out = '';
  let from = 0;
  let at = s.indexOf(open);
  while (at >= 0) {
    const close = s.indexOf(']', at + open.length);
    if (close < 0) break;
    let end = close + 1;
    if (link) {
      const paren = s[end] === '(' ? s.indexOf(')', end + 1) : -1;
      // No ")" at all: no later opening can be a link either.
      if (s[end] === '(' && paren < 0) break;
      end = paren + 1;
    }
    if (end > 0) {
      out += s.slice(from, at) + by(s.slice(at + open.length, close), s.slice(at, end));
      from = end;
    }
    // An opening before `close` would read to the same "]": the next one to try is after it.
    at = s.indexOf(open, Math.max(end, close + 1));
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * A heading's text without its closing "###", as /(.*?)(?:\s+#+)?$/ would read it; by hand,
 * since that regex retries at every character of a long run of spaces.
 */
function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === text.length) return text;
  const before = text.slice(0, end).trimEnd();
  return before.length < end ? before : text;
}

const JOB_NUMBER = /^(?:\d{1,4}\s+)?GE\.\d{2}-\d{4,6}\b/;
const BARCODE = /^\*\d{6,8}\*$/;
const PAGE_NUMBER = /^(?:page\s+)?\d{1,3}(?:\s*(?:\/|of)\s*\d{1,3})?$/i;

/** The first line of a UN document, its symbol on the same line: "United Nations CMW/C/GHA/CO/2". */
const ORGANIZATION = /^(?:United Nations|Nations Unies|Naciones Unidas)\s+(?=\S*\/)/;

const MONTH_YEAR = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}$/;

/**
 * Word-era headers glue the symbol to the date: "CCPR/C/SR.2136/Add.117 November 2003" is
 * Add.1 of 17 November 2003. The day takes two digits when they make one (10-31), else one.
 */
function unglueDate(text: string): string | null {
  const m = /^(\S*\d)(\d)(\d)\s+(\S+\s+\d{4})$/.exec(text);
  if (!m || !MONTH_YEAR.test(m[4]!)) return null;
  const two = Number(`${m[2]}${m[3]}`);
  const split = two >= 10 && two <= 31 ? `${m[1]} ${m[2]}${m[3]}` : `${m[1]}${m[2]} ${m[3]}`;
  return `${split} ${m[4]}`;
}

/** Strips emphasis and other inline mark-up; `markdown` also reads links, HTML and escapes. */
function inlineText(content: string, markdown: boolean): string {
  let s = content;
  // Each pass runs only when its trigger character is present: most lines have no mark-up.
  if (markdown && /[\\[!<*_`&]/.test(s)) {
    s = protectEscapes(s);
    if (s.includes('[')) {
      s = replaceBracketed(s, '![', true, () => '');
      s = replaceBracketed(s, '[', true, (inner) => inner);
      s = replaceBracketed(s, '[^', false, (inner, whole) => (inner === '' ? whole : ''));
    }
    if (s.includes('<')) {
      // "[^<>]" rather than "[^>]": a tag never holds "<", and so each "<" is read once.
      s = s
        .replace(/<sup>[^<]*<\/sup>/gi, '')
        .replace(/<br\s*\/?>/gi, ' ')
        .replace(/<\/?[a-z][^<>]*>/gi, '');
    }
    if (s.includes('*')) s = s.replace(/\*+/g, '');
    // "(?<!_)": a run of underscores is tried once, from its start, not again from each of its characters.
    if (s.includes('_')) s = s.replace(/(^|[^\p{L}\p{N}_])_+|(?<!_)_+(?=[^\p{L}\p{N}_]|$)/gu, '$1');
    if (s.includes('`')) s = s.replace(/`/g, '');
    s = restoreEscapes(s);
    if (s.includes('&')) s = decodeEntities(s);
  }
  // Footnote marks: asterisks or superscript digits stuck to the word they annotate.
  if (s.includes('*')) s = s.replace(/(?<=[^\s*])\*+(?=\s|$|[.,;:)\]])/g, '');
  if (/[¹²³⁴⁵⁶⁷⁸⁹⁰]/.test(s)) s = s.replace(/[¹²³⁴⁵⁶⁷⁸⁹⁰]+/g, '');
  return /\s\s|^\s|\s$|[\t\n]/.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}

/** Whether mark-up sets the whole of some text in bold or italics (a sub-paragraph label may come first). */
export function wholeEmphasis(content: string): 'bold' | 'italic' | null {
  const body = content.replace(/^\d{1,4}\.\s+/, '').replace(/^\(\w{1,5}\)\s+/, '').trim();
  if (body.length < 3) return null;
  if (/^(\*\*|__)/.test(body) && /(\*\*|__)$/.test(body)) return 'bold';
  if (/^[*_](?![*_])/.test(body) && /(?<![*_])[*_]$/.test(body)) return 'italic';
  return null;
}

function fromSuperscript(mark: string): string {
  return mark.replace(/[¹²³⁴⁵⁶⁷⁸⁹⁰]/g, (ch) => String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(ch)));
}

/** Splits normalized text into lines and reads each one. */
export function readLines(text: string, markdown: boolean): Line[] {
  const rawLines = text.split('\n');
  const lines: Line[] = [];
  let documentSymbol: string | null = null;
  rawLines.forEach((raw, i) => {
    const trimmed = raw.trim();
    const line: Line = {
      no: i + 1,
      raw,
      content: '',
      text: '',
      blank: trimmed === '',
      headingLevel: 0,
      rule: false,
      footnote: null,
      furniture: false,
      symbolOnly: null,
      bullet: false,
    };
    if (line.blank) {
      lines.push(line);
      return;
    }
    let content = trimmed;
    if (/^([-*_])(?:\s*\1){2,}$/.test(content)) {
      line.rule = true;
      lines.push(line);
      return;
    }
    if (markdown) {
      const heading = /^(#{1,6})\s+(.*)$/.exec(content);
      if (heading) {
        line.headingLevel = heading[1]!.length;
        content = withoutClosingHashes(heading[2]!);
      }
    }
    const footnote = markdown
      ? /^(?:((?:\\\*){1,3})|<sup>\s*([\w*]{1,3})\s*<\/sup>|\[\^(\w+)\]:)\s*(.*)$/i.exec(content)
      : /^(\*{1,3}(?=\s)|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s*(?=\S)()()(.*)$/.exec(content);
    if (footnote) {
      // Superscript digits are the marks of footnotes at the foot of a PDF's page.
      line.footnote = fromSuperscript(footnote[1]?.replace(/\\/g, '') || footnote[2] || footnote[3] || '*');
      content = footnote[4]!;
    } else if (markdown && /^[-+*]\s+/.test(content) && !/^\*\*/.test(content)) {
      line.bullet = true;
      content = content.replace(/^[-+*]\s+/, '');
    }
    line.content = content;
    line.text = inlineText(content, markdown);
    if (line.text === '') {
      line.blank = line.headingLevel === 0 && line.footnote === null;
      lines.push(line);
      return;
    }
    if (!line.footnote && line.headingLevel === 0) {
      // Every symbol has a slash: most lines need no search.
      const unglued = line.text.includes('/') ? unglueDate(line.text) : null;
      if (unglued && findSymbols(unglued).length === 1) line.text = unglued;
      const symbols = line.text.includes('/') ? findSymbols(line.text) : [];
      const only = symbols.length === 1 ? symbols[0]! : null;
      let rest = only ? line.text.replace(only.text, '').trim() : line.text;
      if (only && documentSymbol === null && ORGANIZATION.test(line.text)) {
        // Read as the symbol's own line: the name of the Organization is no part of the text.
        line.text = only.text;
        rest = '';
      }
      const dated = only !== null && MONTH_YEAR.test(rest.replace(/^\d{1,2}\s+/, '')) && unglued !== null;
      if (only && (rest === '' || PAGE_NUMBER.test(rest) || dated)) {
        line.symbolOnly = only.symbol;
        // The first symbol printed on its own is the document's; its repetitions are running headers.
        if (documentSymbol !== null || (rest !== '' && !dated)) line.furniture = true;
        documentSymbol ??= only.symbol;
      } else if (JOB_NUMBER.test(line.text) || BARCODE.test(content) || PAGE_NUMBER.test(line.text)) {
        line.furniture = true;
      }
    }
    lines.push(line);
  });
  return lines;
}

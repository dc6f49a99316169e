import { isTimeLine } from '../structure.js';
import { wholeEmphasis, type Line } from './lines.js';

/** Lines that belong together: a paragraph, a heading, a footnote, a header line. */
export interface Block {
  text: string;
  /** First and last line of the file, page furniture inside included. */
  from: number;
  to: number;
  headingLevel: number;
  /** The whole block is set in bold or italics. */
  emphasis: 'bold' | 'italic' | null;
  footnote: string | null;
  symbolOnly: string | null;
}

export const NUMBERED = /^(\d{1,4})\.\s*(?=[\p{Lu}\p{Lt}"“‘'(\[])/u;
export const LABELLED = /^\(([a-z]{1,2}|[ivxl]{1,6})\)\s*(?=\S)/;
/** Text that cannot begin a paragraph: it carries on the sentence before it. */
export const CONTINUATION = /^(?:[\p{Ll}]|[,;:)\]–—])/u;
const TERMINAL = /[.?!:;]["”’)\]]*$/;

function startsUnit(line: Line): boolean {
  return (
    line.headingLevel > 0 ||
    line.footnote !== null ||
    line.bullet ||
    NUMBERED.test(line.text) ||
    LABELLED.test(line.text) ||
    isTimeLine(line.text)
  );
}

/** Plain text cut at a fixed width (PDF extraction) joins its lines; otherwise a line is a unit. */
function wrapWidth(lines: Line[]): number | null {
  const lengths = lines.filter((l) => !l.blank && !l.furniture).map((l) => l.text.length).sort((a, b) => a - b);
  if (lengths.length < 10) return null;
  const p90 = lengths[Math.floor(lengths.length * 0.9)]!;
  if (p90 > 140) return null;
  const full = lengths.filter((n) => n >= p90 * 0.6).length;
  return full >= lengths.length * 0.5 ? p90 : null;
}

export function buildBlocks(lines: Line[], markdown: boolean): Block[] {
  const blocks: Block[] = [];
  const width = markdown ? null : wrapWidth(lines);
  let current: Line[] = [];
  let lastLine = 0;

  const flush = (): void => {
    if (current.length === 0) return;
    const first = current[0]!;
    blocks.push({
      text: current.length === 1 ? first.text : current.map((l) => l.text).join(' ').replace(/(\p{L})- (?=\p{Ll})/gu, '$1-'),
      from: first.no,
      to: lastLine,
      headingLevel: first.headingLevel,
      emphasis: markdown ? wholeEmphasis(current.map((l) => l.content).join(' ')) : null,
      footnote: first.footnote,
      symbolOnly: current.length === 1 ? first.symbolOnly : null,
    });
    current = [];
  };

  const joins = (prev: Line, line: Line): boolean => {
    if (startsUnit(line) || prev.headingLevel > 0 || prev.symbolOnly) return false;
    // A footnote at the foot of a page runs on over the lines it is wrapped to, as a paragraph does.
    if (current[0]!.footnote !== null) return !markdown && width !== null && !(TERMINAL.test(prev.text) && prev.text.length < width * 0.9) && prev.text.length >= width * 0.7;
    if (markdown) return true;
    if (CONTINUATION.test(line.text)) return true;
    if (width === null) return false;
    if (TERMINAL.test(prev.text) && prev.text.length < width * 0.9) return false;
    return prev.text.length >= width * 0.7;
  };

  for (const line of lines) {
    if (line.furniture) continue;
    if (line.blank || line.rule) {
      flush();
      continue;
    }
    const prev = current[current.length - 1];
    if (prev && !joins(prev, line)) flush();
    current.push(line);
    lastLine = line.no;
  }
  flush();
  return blocks;
}

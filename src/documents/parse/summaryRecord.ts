import { findCountry } from '../../domain/countries.js';
import { firstDate, parseClockTime } from '../../domain/dates.js';
import { findSymbols, summaryRecordSymbol } from '../../domain/symbols.js';
import { correctionsDeadline } from '../../deadlines/rules.js';
import type { Block } from '../read/blocks.js';
import type { AgendaItem, Intervention, MeetingDetails, Paragraph, ParsedDocument } from '../schema.js';
import {
  BodyCollector,
  TERMINAL,
  isContinuation,
  joinText,
  looksLikeHeading,
  paragraphNumber,
  squash,
  timeEvents,
} from './common.js';
import type { DocumentHeader } from './header.js';
import { detectSpeaker, isProcedural, speakerKey, type SpeakerOpening } from './speakers.js';

const CONTENTS = /^contents$/i;
const NOTICE = /^this record is subject to correction/i;

/** Where the record of the meeting begins: its first time line or numbered paragraph. */
function bodyStart(blocks: readonly Block[]): number {
  const titleAt = Math.max(0, blocks.findIndex((b) => /summary record/i.test(b.text)));
  for (let i = titleAt; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.footnote) continue;
    if (paragraphNumber(b.text) || timeEvents(b.text)) return i;
  }
  const notice = blocks.findIndex((b) => NOTICE.test(b.text));
  if (notice < 0) return blocks.length;
  let i = notice + 1;
  while (i < blocks.length && (/corrected records|reissued|corrections/i.test(blocks[i]!.text) || blocks[i]!.footnote)) i++;
  return i;
}

function agendaItem(text: string): AgendaItem {
  const symbols = findSymbols(text).map((s) => s.symbol);
  let title = text;
  // A trailing parenthesis of symbols "(CMW/C/BOL/2; CMW/C/BOL/QPR/2)" names the documents considered.
  title = title.replace(/\s*\((?:[^()]*\/[^()]*)\)\s*$/, '');
  const continued = /\(continued\)/i.test(title);
  title = title.replace(/\s*\(continued\)/gi, '').trim();
  return { title, continued, symbols };
}

function chairs(blocks: readonly Block[]): MeetingDetails['chairs'] {
  const found: MeetingDetails['chairs'] = [];
  for (const b of blocks) {
    const parts = b.text.split(/\s*\b(?=later\s*:)/i);
    for (const part of parts) {
      const m = /^(?:(Chair(?:person|man|woman)?|President|Acting Chair|Temporary Chair)|(later))\s*:\s*(.+)$/i.exec(part.trim());
      if (!m) continue;
      const raw = m[3]!.trim();
      const paren = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(raw);
      const name = (paren ? paren[1]! : raw).trim();
      if (name) found.push({ name, role: paren ? paren[2]!.trim() : null, later: Boolean(m[2]) });
    }
  }
  return found;
}

function heldLine(blocks: readonly Block[]): { place: string | null; date: string | null; time: string | null } {
  const b = blocks.find((x) => /^held\b/i.test(x.text));
  if (!b) return { place: null, date: null, time: null };
  const place = /^held\s+(?:at|in)\s+(?:the\s+)?(.+?),\s+on\b/i.exec(b.text)?.[1] ?? null;
  const time = /,?\s+at\s+([^,]{0,200}?(?:[ap]\.?\s?m\.?|noon))/i.exec(b.text.replace(/^held\s+at/i, ''))?.[1];
  return { place, date: firstDate(b.text), time: time ? parseClockTime(time) : null };
}

export function parseSummaryRecord(blocks: readonly Block[], header: DocumentHeader): Partial<ParsedDocument> {
  const start = bodyStart(blocks);
  const head = blocks.slice(0, start);
  const headText = head.map((b) => b.text).join('\n');
  const warnings: string[] = [];
  const body = new BodyCollector();

  const meeting = Number(/\bof\s+the\s+(\d{1,5})(?:st|nd|rd|th)\s+meeting/i.exec(headText)?.[1] ?? NaN) || null;
  const part =
    /summary\s+record\s*\(([^)]{1,100})\)/i.exec(headText)?.[1] ?? /\bpart\s*\((public|closed|private)\)/i.exec(headText)?.[1] ?? null;
  const held = heldLine(head);
  const chairList = chairs(head);

  // Contents: the agenda items listed between "Contents" and the correction notice.
  const agenda: AgendaItem[] = [];
  const contentsAt = head.findIndex((b) => CONTENTS.test(b.text));
  if (contentsAt >= 0) {
    for (const b of head.slice(contentsAt + 1)) {
      if (b.footnote) continue;
      if (NOTICE.test(b.text) || /^any corrected records/i.test(b.text)) break;
      if (b.text.length > 300) break;
      agenda.push(agendaItem(b.text));
    }
  }
  for (const b of head) if (b.footnote) body.footnote(b);
  const agendaKeys = agenda.map((a) => squash(a.title));

  // The body: numbered (or unnumbered) paragraphs, headings, time lines and footnotes.
  const bodyBlocks = blocks.slice(start);
  const numbered = bodyBlocks.some((b) => paragraphNumber(b.text));
  const paragraphs: Paragraph[] = [];
  let lastNumber = 0;
  let afterBreak = true;
  // The last block text added to a paragraph, which ends it: testing the paragraph's own growing text made this quadratic.
  let lastAdded = '';

  const isAgendaHeading = (b: Block): boolean => {
    const key = squash(agendaItem(b.text).title);
    return key.length > 0 && agendaKeys.some((a) => a === key || a.startsWith(key) || key.startsWith(a));
  };

  for (const b of bodyBlocks) {
    if (b.footnote) {
      body.footnote(b);
      continue;
    }
    if (body.time(b)) {
      afterBreak = true;
      continue;
    }
    const num = paragraphNumber(b.text);
    if (num && num.number > lastNumber) {
      lastNumber = num.number;
      paragraphs.push({ number: num.number, speaker: null, text: num.rest.trim(), lines: [b.from, b.to] });
      lastAdded = num.rest.trim();
      afterBreak = false;
      continue;
    }
    const previous = paragraphs[paragraphs.length - 1];
    const cut = previous && !afterBreak && (isContinuation(b.text) || !TERMINAL.test(lastAdded));
    if (previous && cut && b.headingLevel === 0) {
      previous.text = joinText(previous.text, b.text);
      lastAdded = b.text;
      previous.lines = [previous.lines[0], b.to];
      continue;
    }
    if (b.headingLevel > 0 || isAgendaHeading(b) || (b.emphasis && !TERMINAL.test(b.text)) || looksLikeHeading(b)) {
      body.heading(b);
      afterBreak = true;
      continue;
    }
    if (numbered && previous && !isProcedural(b.text) && !b.emphasis) {
      // Unnumbered prose in a numbered record belongs to the paragraph before it.
      previous.text = joinText(previous.text, b.text);
      lastAdded = b.text;
      previous.lines = [previous.lines[0], b.to];
      continue;
    }
    if (numbered && (isProcedural(b.text) || b.emphasis)) {
      body.heading(b);
      afterBreak = true;
      continue;
    }
    paragraphs.push({ number: null, speaker: null, text: b.text, lines: [b.from, b.to] });
    lastAdded = b.text;
    afterBreak = false;
  }

  // Speakers: an opening names one; paragraphs without one carry on the last speaker's words.
  let current: SpeakerOpening | null = null;
  const interventions: Intervention[] = [];
  const headingLines = [...new Set(body.headings.map((h) => h.lines[0]).concat(body.times.map((t) => t.lines[0])))].sort((a, b) => a - b);
  let previousEnd = 0;
  // The first heading line after the paragraph before: paragraphs run in line order, so it only moves on.
  let nextHeading = 0;
  paragraphs.forEach((p, index) => {
    const opening = detectSpeaker(p.text);
    // A heading or time line between two paragraphs ends the intervention before it.
    while (nextHeading < headingLines.length && headingLines[nextHeading]! <= previousEnd) nextHeading++;
    const interrupted = nextHeading < headingLines.length && headingLines[nextHeading]! < p.lines[0];
    previousEnd = p.lines[1];
    if (opening) current = opening;
    else if (isProcedural(p.text) || interrupted) current = null;
    p.speaker = current?.speaker ?? null;
    const position = p.number ?? index + 1;
    const last = interventions[interventions.length - 1];
    if (!current) return;
    if (last && speakerKey(last.speaker) === speakerKey(current.speaker) && last.paragraphs.at(-1) === previousPosition(paragraphs, index)) {
      last.paragraphs.push(position);
    } else {
      interventions.push({ speaker: current.speaker, role: current.role, phrase: current.phrase, paragraphs: [position] });
    }
  });

  let symbol = header.symbol;
  let symbolDerived = false;
  const committee = header.committee;
  if (!symbol && committee && meeting) {
    const year = (held.date ?? header.issued)?.slice(0, 4);
    symbol = summaryRecordSymbol(committee, meeting, year ? Number(year) : null);
    symbolDerived = symbol !== null;
  }
  if (!meeting) warnings.push('The meeting number was not found in the title ("Summary record of the ...th meeting").');
  if (!header.issued) warnings.push('The date of the record ("Distr.: General" and a date) was not found; no corrections deadline.');
  if (paragraphs.length === 0) warnings.push('No paragraphs were found in the body of the record.');

  const noticeText = head.find((b) => NOTICE.test(b.text) || /within one week/i.test(b.text))?.text ?? null;
  // The State party whose report is on the agenda, when one is.
  const country = findCountry(agenda.map((a) => a.title).join('\n'));
  return {
    kind: 'summary-record',
    ...(country ? { country } : {}),
    symbol,
    symbolDerived,
    meeting,
    held: held.date,
    chair: chairList[0]?.name ?? null,
    paragraphs,
    interventions,
    headings: body.headings,
    footnotes: body.footnotes,
    deadlines: header.issued ? [correctionsDeadline(header.issued, symbol, noticeText)] : [],
    warnings,
    meetingDetails: {
      part: part ? part.trim().toLowerCase() : null,
      place: held.place,
      time: held.time,
      chairs: chairList,
      agenda,
      times: body.times,
    },
  };
}

function previousPosition(paragraphs: readonly Paragraph[], index: number): number | undefined {
  if (index === 0) return undefined;
  return paragraphs[index - 1]!.number ?? index;
}

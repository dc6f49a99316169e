import { findClockTimes } from '../domain/dates.js';
import type { RecordedTime } from './schema.js';

/** Lines that record when a meeting's business happened: structure, not anyone's words. */

export interface TimeEvent {
  event: RecordedTime['event'];
  time: string;
}

const TIME_LINE = new RegExp(
  String.raw`^(?:the\s+)?(?:(?:public|closed|private|first|second)\s+part(?:\s*\((?:public|closed|private)\))?\s+of\s+the\s+)?(?:meeting|discussion\s+covered\s+in\s+the\s+summary\s+record|public\s+meeting|closed\s+meeting)\b[^]{0,160}?\b(?:called\s+to\s+order|suspended|resumed|rose|began|ended|closed|adjourned|opened)\b[^]{0,120}?(?:\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\.?|noon|midnight)\.?$`,
  'i',
);
const EVENT_WORDS: Array<[RegExp, RecordedTime['event']]> = [
  [/called\s+to\s+order|opened/i, 'called-to-order'],
  [/suspended/i, 'suspended'],
  [/resumed/i, 'resumed'],
  [/rose|adjourned/i, 'rose'],
  [/began/i, 'discussion-began'],
  [/ended/i, 'discussion-ended'],
  [/closed/i, 'closed'],
];

/** A clock time that a conversion broke apart ("12 . 20 p.m.") or gave a stray dot ("5.45. p.m."), mended. */
function joinClock(text: string): string {
  if (!/\s[.:]|\d\.\s+[ap]\./.test(text)) return text;
  return text.replace(/(\d)\s+([.:])\s+(\d)/g, '$1$2$3').replace(/(\d)\.\s+(?=[ap]\.\s?m\b)/g, '$1 ');
}

/** "The meeting was suspended at 4.10 p.m. and resumed at 4.30 p.m." gives two events. */
export function timeEvents(input: string): TimeEvent[] | null {
  if (!isTimeLine(input)) return null;
  const text = joinClock(input);
  const events: TimeEvent[] = [];
  const parts = text.split(/\band\b/i);
  for (const part of parts) {
    const kind = EVENT_WORDS.find(([re]) => re.test(part))?.[1];
    const time = findClockTimes(part)[0];
    if (kind && time) events.push({ event: kind, time });
  }
  return events.length > 0 ? events : null;
}

export function isTimeLine(text: string): boolean {
  return text.length <= 300 && TIME_LINE.test(joinClock(text));
}

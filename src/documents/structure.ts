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
/** A clock time as French and Spanish records print it: "10 h 5", "15 heures", "10.00 horas", "12 . 45 horas". */
const CLOCK_FR_ES = String.raw`\d{1,2}(?:\s*(?:heures?|h)(?:\s*\d{1,2})?|(?:\s*[.:]\s*\d\s?\d)?\s*horas|(?:[.:]\d{2})?\s*[ap]\s?\.?\s?m\.?)`;

/**
 * "La séance est ouverte à 10 h 5.", "La deuxième partie (publique) de la séance commence à 11 h 45.",
 * "Le débat résumé commence à 16 h 5.", "La séance est suspendue à 11 h 10; elle est reprise à 11 h 30.",
 * "La séance est levée à 13 heures."
 */
const TIME_LINE_FR = new RegExp(
  String.raw`^(?:la\s+|le\s+)?(?:(?:première|deuxième|seconde|troisième)\s+partie\s*(?:\((?:publique|privée)\))?\s+de\s+la\s+|partie\s+(?:publique|privée)\s+de\s+la\s+)?(?:séance|débat\s+résumé)(?![\p{L}])[^]{0,160}?\b(?:ouverte|levée|suspendue|reprise|commence|reprend|close|prend\s+fin|se\s+termine)(?![\p{L}])[^]{0,120}?${CLOCK_FR_ES}\s*\.?$`,
  'iu',
);
/**
 * "Se declara abierta la sesión a las 10.10 horas.", "Se abre la sesión a las 10.00 horas.",
 * "Se declara abierta la segunda parte (pública) de la sesión a las 17.00 horas.", "Se levanta la sesión a las 13.00 horas.",
 * "Se suspende la sesión a las 11.20 horas y se reanuda a las 11.40 horas."
 */
const TIME_LINE_ES = new RegExp(
  String.raw`^se\s+(?:declara\s+(?:abierta|levantada|suspendida|cerrada)|abre|levanta|suspende|reanuda|cierra)\b[^]{0,160}?\b(?:sesi[oó]n|reuni[oó]n|debate)\b[^]{0,160}?${CLOCK_FR_ES}\s*\.?$`,
  'iu',
);
const EVENT_WORDS: Array<[RegExp, RecordedTime['event']]> = [
  [/began|d[ée]bat\s+r[ée]sum[ée]\s+commence/i, 'discussion-began'],
  [/called\s+to\s+order|opened|ouverte|commence|abierta|\babre\b/i, 'called-to-order'],
  [/suspended|suspendue|suspend/i, 'suspended'],
  [/resumed|reprise|reprend|reanuda/i, 'resumed'],
  [/rose|adjourned|levée|levanta|levantada/i, 'rose'],
  [/ended|prend\s+fin|se\s+termine/i, 'discussion-ended'],
  [/closed|close|cerrada|cierra/i, 'closed'],
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
  // "... and resumed at ...", "...; elle est reprise à ...", "... et reprise à ...", "... y se reanuda a las ...".
  const parts = text.split(/\band\b|;|\bet\b|\by\b/i);
  for (const part of parts) {
    const kind = EVENT_WORDS.find(([re]) => re.test(part))?.[1];
    const time = findClockTimes(part)[0];
    if (kind && time) events.push({ event: kind, time });
  }
  return events.length > 0 ? events : null;
}

export function isTimeLine(text: string): boolean {
  if (text.length > 300) return false;
  const mended = joinClock(text);
  return TIME_LINE.test(mended) || TIME_LINE_FR.test(mended) || TIME_LINE_ES.test(mended);
}

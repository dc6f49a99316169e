import { DateTime, Info } from 'luxon';

/** An ISO calendar date, "2021-10-06". */
export type IsoDate = string;

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';

const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

/**
 * Month names in French and Spanish, from luxon's locale data, each also without its accents
 * ("fevrier", "aout"): text extracted from old files often lost them. Spanish also writes "setiembre".
 */
const OTHER_MONTHS = new Map<string, number>();
for (const locale of ['fr', 'es']) {
  Info.months('long', { locale }).forEach((name, i) => {
    OTHER_MONTHS.set(name.toLowerCase(), i + 1);
    OTHER_MONTHS.set(fold(name), i + 1);
  });
}
OTHER_MONTHS.set('setiembre', 9);
const OTHER_MONTH_NAMES = [...OTHER_MONTHS.keys()].sort((x, y) => y.length - x.length).join('|');

/** "6 October 2021", "Monday, 4 October 2021", "October 6, 2021" anywhere in the text. */
export const DATE_PATTERN = new RegExp(
  `\\b(?:(\\d{1,2})\\s+(${MONTHS})\\s+(\\d{4})|(${MONTHS})\\s+(\\d{1,2}),?\\s+(\\d{4}))\\b`,
  'gi',
);

/** "15 mars 2010", "1er mars 2010", "15 de agosto de 2007", "1º de marzo de 2024", "1.º de julio de 2020". */
const OTHER_DATE_PATTERN = new RegExp(
  `(?<![\\p{L}\\d])(\\d{1,2})(?:er|re|\\.?\\s?[ºo°])?\\s+(?:de\\s+)?(${OTHER_MONTH_NAMES})\\s+(?:de\\s+|del\\s+)?(\\d{4})(?!\\d)`,
  'giu',
);

function toIso(day: string, month: string, year: string): IsoDate | null {
  const parsed = DateTime.fromFormat(`${day} ${month} ${year}`, 'd MMMM yyyy', { locale: 'en', zone: 'UTC' });
  return parsed.isValid ? parsed.toISODate() : null;
}

function otherToIso(day: string, month: string, year: string): IsoDate | null {
  const number = OTHER_MONTHS.get(month.toLowerCase()) ?? OTHER_MONTHS.get(fold(month));
  if (!number) return null;
  const parsed = DateTime.fromObject({ year: Number(year), month: number, day: Number(day) }, { zone: 'UTC' });
  return parsed.isValid ? parsed.toISODate() : null;
}

export interface DateMatch {
  iso: IsoDate;
  text: string;
  index: number;
}

/** Every valid date in the text, in English, French or Spanish, in order. */
export function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = [];
  for (const m of text.matchAll(DATE_PATTERN)) {
    const iso = m[1] ? toIso(m[1], m[2]!, m[3]!) : toIso(m[5]!, m[4]!, m[6]!);
    if (iso) found.push({ iso, text: m[0], index: m.index });
  }
  for (const m of text.matchAll(OTHER_DATE_PATTERN)) {
    const iso = otherToIso(m[1]!, m[2]!, m[3]!);
    if (iso) found.push({ iso, text: m[0], index: m.index });
  }
  return found.sort((x, y) => x.index - y.index);
}

export function firstDate(text: string): IsoDate | null {
  return findDates(text)[0]?.iso ?? null;
}

/**
 * Day ranges such as "2–13 December 2024" or "30 March–17 April 2037": the last day,
 * which is when a session ends.
 */
export function rangeEnd(text: string): IsoDate | null {
  const m = new RegExp(`\\d{1,2}(?:\\s+(?:${MONTHS}))?\\s*[–-]\\s*(\\d{1,2})\\s+(${MONTHS})\\s+(\\d{4})`, 'i').exec(text);
  return m ? toIso(m[1]!, m[2]!, m[3]!) : null;
}

const MONTH_NAMES = MONTHS.split('|');

/** "6 October 2021", as UN documents write dates; built directly, since answers format many. */
export function formatLongDate(iso: IsoDate): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTH_NAMES[month! - 1]} ${year}`;
}

export function addToDate(iso: IsoDate, duration: { days?: number; months?: number; years?: number }): IsoDate {
  return DateTime.fromISO(iso, { zone: 'UTC' }).plus(duration).toISODate()!;
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** "10.10 a.m.", "3 p.m.", "10.35 a .m." (a broken "a.m."). */
const TWELVE_HOUR = String.raw`\d{1,2}(?:[.:]\d{2})?\s*[ap]\s?\.?\s?m\b\.?`;
/** French "10 heures", "10 h 5", "15h 30", "12 heures 40"; Spanish "10.00 horas", "12 . 45 horas", "15. 1 0 horas". */
const TWENTY_FOUR_HOUR = String.raw`\d{1,2}\s*(?:heures?|h)(?![\p{L}])(?:\s*\d{1,2}(?!\d))?|\d{1,2}(?:\s*[.:]\s*\d\s?\d)?\s*horas\b`;
const CLOCK = new RegExp(`\\b(?:${TWELVE_HOUR}|${TWENTY_FOUR_HOUR}|noon|midnight|mediod[ií]a|midi)`, 'giu');

const hhmm = (hour: number, minute: number): string | null =>
  hour > 23 || minute > 59 ? null : `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

/** A clock time as printed ("10.10 a.m.", "3 p.m.", "noon", "15 h 30", "10.00 horas") as 24-hour "HH:mm", or null. */
export function parseClockTime(text: string): string | null {
  if (/\b(?:noon|midi)\b|\bmediod[ií]a/i.test(text)) return '12:00';
  if (/\bmidnight\b/i.test(text)) return '00:00';
  const m = /\b(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\s?\.?\s?m\b\.?/i.exec(text);
  if (m) {
    let hour = Number(m[1]);
    const minute = Number(m[2] ?? '0');
    if (hour < 1 || hour > 12 || minute > 59) return null;
    if (m[3]!.toLowerCase() === 'p' && hour !== 12) hour += 12;
    if (m[3]!.toLowerCase() === 'a' && hour === 12) hour = 0;
    return hhmm(hour, minute);
  }
  const french = /\b(\d{1,2})\s*(?:heures?|h)(?![\p{L}])(?:\s*(\d{1,2})(?!\d))?/iu.exec(text);
  if (french) return hhmm(Number(french[1]), Number(french[2] ?? '0'));
  const spanish = /\b(\d{1,2})(?:\s*[.:]\s*(\d)\s?(\d))?\s*horas\b/i.exec(text);
  if (spanish) return hhmm(Number(spanish[1]), Number(`${spanish[2] ?? '0'}${spanish[3] ?? '0'}`));
  return null;
}

/** Every clock time in the text, in order. */
export function findClockTimes(text: string): string[] {
  const times: string[] = [];
  for (const m of text.matchAll(CLOCK)) {
    const t = parseClockTime(m[0]);
    if (t) times.push(t);
  }
  return times;
}

/** One formatter per time zone: building them is what makes date arithmetic in a zone slow. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone, as ISO ("en-CA" formats as YYYY-MM-DD). */
export function dateIn(instant: Date, timeZone: string): IsoDate {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, format);
  }
  return format.format(instant);
}

/**
 * A date the text writes that no calendar has ("2027-02-30", "31 April 2027"), with why;
 * null when every date it writes exists. Said back to a user instead of a date rolled over.
 */
export function impossibleDate(text: string): string | null {
  const written = [...text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)].map((m) => ({ text: m[0], year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }));
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2})\\s+(${MONTHS})\\s+(\\d{4})\\b`, 'gi'))) {
    written.push({ text: m[0], year: Number(m[3]), month: DateTime.fromFormat(m[2]!, 'MMMM', { locale: 'en' }).month, day: Number(m[1]) });
  }
  for (const d of written) {
    if (DateTime.fromObject({ year: d.year, month: d.month, day: d.day }).isValid) continue;
    if (d.month < 1 || d.month > 12) return `${d.text} is not a date: there is no month ${d.month}`;
    const month = DateTime.fromObject({ year: d.year, month: d.month });
    return `${d.text} is not a date: ${month.setLocale('en-GB').toFormat('LLLL yyyy')} has ${month.daysInMonth} days`;
  }
  return null;
}

import { addToDate, daysBetween, formatLongDate, type IsoDate } from '../domain/dates.js';
import type { Deadline } from './model.js';

/**
 * Deadlines as pure functions of what documents print. Each carries a `basis`: the words
 * it came from and how the date was counted, so a user can check it.
 */

/** The notice's period as English, French and Spanish records print it: "within one week", "une semaine au plus tard", "dentro del plazo de una semana". */
const NOTICE_WEEKS = /(?:within\s+(one|two|\d+)\s+weeks?)|(?<![\p{L}])(une|deux|\d+)\s+semaines?(?![\p{L}])|(?<![\p{L}])(una|dos|\d+)\s+semanas?(?![\p{L}])/iu;
const WEEK_WORDS: Record<string, number> = { one: 1, two: 2, une: 1, deux: 2, una: 1, dos: 2 };

/** Corrections to a summary record are due within one week of the record's date. */
export function correctionsDeadline(issued: IsoDate, symbol: string | null, notice: string | null): Deadline {
  const m = NOTICE_WEEKS.exec(notice ?? '');
  const printed = (m?.[1] ?? m?.[2] ?? m?.[3])?.toLowerCase();
  const count = printed ? WEEK_WORDS[printed] ?? Number(printed) : 1;
  const weeks = count === 1 ? 'one' : count === 2 ? 'two' : String(count);
  return {
    kind: 'corrections',
    due: addToDate(issued, { days: 7 * count }),
    basis: `within ${weeks} week${count === 1 ? '' : 's'} of the date of the record (${formatLongDate(issued)})`,
    derived: notice === null,
    symbol,
    met: null,
    daysLate: null,
  };
}

const PERIOD_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, twelve: 12, eighteen: 18, 'twenty-four': 24,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, douze: 12, 'dix-huit': 18, 'vingt-quatre': 24,
  dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, doce: 12, dieciocho: 18, veinticuatro: 24,
};

/**
 * "within two years", "within 24 months", "within one year", and in French and Spanish "dans un
 * délai d'un an", "dans un délai de deux ans", "dans les douze mois", "en el plazo de un año",
 * "dentro de un plazo de 18 meses": the period in months; null when the text names no period.
 */
export function periodMonths(text: string): number | null {
  const m =
    /within\s+(?:a\s+(?:period|time\s+frame)\s+of\s+)?(\d{1,2}|[a-z-]+)\s+(years?|months?)\b/i.exec(text) ??
    /dans\s+(?:un\s+délai\s+(?:d['’]\s*|de\s+)|les\s+)(\d{1,2}|[\p{L}-]+)\s+(ans?|années?|mois)(?!\p{L})/iu.exec(text) ??
    /(?:en|dentro\s+del?)\s+(?:(?:el|un)\s+)?plazo\s+de\s+(\d{1,2}|[\p{L}-]+)\s+(años?|mes(?:es)?)(?!\p{L})/iu.exec(text);
  if (!m) return null;
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : PERIOD_WORDS[m[1]!.toLowerCase()];
  if (!n) return null;
  return /^(?:year|an|anné|año)/i.test(m[2]!) ? n * 12 : n;
}

function monthsInWords(months: number): string {
  if (months % 12 === 0) {
    const years = months / 12;
    return `${years === 1 ? 'one' : years === 2 ? 'two' : String(years)} year${years === 1 ? '' : 's'}`;
  }
  return `${months} months`;
}

export interface FollowUpReplyInput {
  /** The concluding observations the reply is about. */
  symbol: string | null;
  /** When they were adopted (or dated, when only that is known). */
  from: IsoDate;
  months: number;
  /** The request as printed, when the concluding observations are at hand. */
  request: string | null;
  /** True when the period is the committee's usual one, not printed in the document at hand. */
  derived: boolean;
  /** When the State party's information arrived, if known. */
  received?: IsoDate | null;
  /** Describes `from`: "adoption", "the date of the concluding observations". */
  fromWhat?: string;
}

export function followUpReplyDeadline(input: FollowUpReplyInput): Deadline {
  const due = addToDate(input.from, { months: input.months });
  const period = monthsInWords(input.months);
  const fromWhat = input.fromWhat ?? 'adoption';
  const of = input.symbol ? ` of ${input.symbol}` : '';
  const basis = input.derived
    ? `derived: ${period} from the ${fromWhat}${of} on ${formatLongDate(input.from)}, the committee's usual follow-up period`
    : `"${input.request ?? `within ${period}`}": ${period} from ${fromWhat}${of} on ${formatLongDate(input.from)}`;
  const received = input.received ?? null;
  return {
    kind: 'follow-up-reply',
    due,
    basis,
    derived: input.derived,
    symbol: input.symbol,
    met: received,
    daysLate: received ? daysBetween(due, received) : null,
  };
}

export function nextReportDeadline(due: IsoDate, symbol: string | null, request: string): Deadline {
  return { kind: 'next-periodic-report', due, basis: `"${request}"`, derived: false, symbol, met: null, daysLate: null };
}

/** How a delivery stands against its due date, in words: "101 days late", "3 days early", "on time". */
export function latenessInWords(daysLate: number): string {
  if (daysLate === 0) return 'on the due date';
  const n = Math.abs(daysLate);
  return `${n} day${n === 1 ? '' : 's'} ${daysLate > 0 ? 'late' : 'early'}`;
}

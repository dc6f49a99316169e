import { z } from 'zod';
import { CommitteeCode } from '../domain/committees.js';
import { addToDate, daysBetween, type IsoDate } from '../domain/dates.js';
import { formatSymbol, normalizeSymbol, parseSymbol, summaryRecordSymbol } from '../domain/symbols.js';

/**
 * What should appear soon, worked out from what the store holds: the documents a watch can
 * ask the UN's hosts for by symbol. Pure: the snapshot and the day in, predictions out.
 */

export const WatchReason = z.enum(['summary-record', 'follow-up-reply', 'concluding-observations', 'corrigendum', 'reissue', 'manual']);
export type WatchReason = z.infer<typeof WatchReason>;

export interface Prediction {
  symbol: string;
  reason: WatchReason;
  /** Why, in words, for `watch`. */
  why: string;
  /** Hours between checks while nothing has appeared. */
  everyHours: number;
  /** The last day worth asking; after it the item is dropped. */
  until: IsoDate;
}

export interface WatchSnapshot {
  today: IsoDate;
  /** Summary records held lately, with the symbols their agenda names. */
  records: ReadonlyArray<{ committee: CommitteeCode | null; meeting: number | null; session: number | null; held: IsoDate | null; agendaSymbols: readonly string[] }>;
  /** Open follow-up-reply deadlines: the concluding observations whose reply is awaited. */
  replies: ReadonlyArray<{ symbol: string | null; due: IsoDate; met: IsoDate | null }>;
  /** Documents with a symbol issued lately, which may be corrected or reissued. */
  issued: ReadonlyArray<{ symbol: string; issued: IsoDate }>;
  /** Every symbol the store holds, as `normalizeSymbol` spells it. */
  stored: ReadonlySet<string>;
}

/** A session is under way while its latest record is this recent. */
const SESSION_GAP_DAYS = 10;
/** Records of the next meetings asked for beyond the latest one stored. */
const MEETINGS_AHEAD = 3;
/** A follow-up reply is looked for from this long before it is due... */
const REPLY_LEAD_DAYS = 30;
/** ...and, unmet, for this long after. */
const REPLY_LATE_DAYS = 365;
/** Concluding observations usually follow the dialogue within weeks; they are looked for this long. */
const OBSERVATIONS_DAYS = 120;
/** A document is watched for a corrigendum or a reissue this long after it was issued. */
const CORRECTIONS_DAYS = 60;

export function predict(s: WatchSnapshot): Prediction[] {
  const out = new Map<string, Prediction>();
  const add = (p: Prediction): void => {
    const symbol = normalizeSymbol(p.symbol);
    // A reissue comes under a symbol the store already holds; anything else is awaited only while absent.
    if (!symbol || (p.reason !== 'reissue' && s.stored.has(symbol)) || out.has(symbol) || p.until < s.today) return;
    out.set(symbol, { ...p, symbol });
  };
  for (const p of nextRecords(s)) add(p);
  for (const p of awaitedReplies(s)) add(p);
  for (const p of awaitedObservations(s)) add(p);
  for (const p of corrections(s)) add(p);
  return [...out.values()];
}

/** The records of meetings of a session under way: the next few, and any held but missing. */
function nextRecords(s: WatchSnapshot): Prediction[] {
  const bySession = new Map<string, { committee: CommitteeCode; meetings: number[]; latest: IsoDate }>();
  for (const r of s.records) {
    if (!r.committee || r.meeting === null || !r.held) continue;
    const key = `${r.committee}:${r.session ?? '?'}`;
    const entry = bySession.get(key) ?? { committee: r.committee, meetings: [], latest: r.held };
    entry.meetings.push(r.meeting);
    if (r.held > entry.latest) entry.latest = r.held;
    bySession.set(key, entry);
  }
  const out: Prediction[] = [];
  for (const { committee, meetings, latest } of bySession.values()) {
    if (daysBetween(latest, s.today) > SESSION_GAP_DAYS) continue;
    const have = new Set(meetings);
    const low = Math.min(...meetings);
    const high = Math.max(...meetings);
    const year = Number(latest.slice(0, 4));
    const until = addToDate(latest, { days: 30 });
    for (let n = low + 1; n < high; n++) {
      const symbol = have.has(n) ? null : summaryRecordSymbol(committee, n, year);
      if (symbol) out.push({ symbol, reason: 'summary-record', why: `meeting ${n} of ${committee} was held; its record is not in the store`, everyHours: 6, until });
    }
    for (let n = high + 1; n <= high + MEETINGS_AHEAD; n++) {
      const symbol = summaryRecordSymbol(committee, n, year);
      if (symbol) out.push({ symbol, reason: 'summary-record', why: `the next meeting of ${committee}'s session under way`, everyHours: 6, until });
    }
  }
  return out;
}

/** "CMW/C/AZE/CO/3" awaits "CMW/C/AZE/FCO/3". */
function awaitedReplies(s: WatchSnapshot): Prediction[] {
  const out: Prediction[] = [];
  for (const r of s.replies) {
    if (r.met || !r.symbol) continue;
    const co = parseSymbol(r.symbol);
    if (!co || co.type !== 'concluding-observations' || !co.country) continue;
    if (daysBetween(s.today, r.due) > REPLY_LEAD_DAYS) continue;
    const symbol = formatSymbol({ ...co, type: 'follow-up-reply', typeCode: 'FCO', suffixes: [] });
    // Daily until the due date has passed by a month; then weekly, since a late reply may still come.
    const late = daysBetween(r.due, s.today) > REPLY_LEAD_DAYS;
    out.push({ symbol, reason: 'follow-up-reply', why: `the State party's reply to ${r.symbol}, due ${r.due}`, everyHours: late ? 24 * 7 : 24, until: addToDate(r.due, { days: REPLY_LATE_DAYS }) });
  }
  return out;
}

/** A report considered at a meeting ("CMW/C/AZE/3" on its agenda) is followed by "CMW/C/AZE/CO/3". */
function awaitedObservations(s: WatchSnapshot): Prediction[] {
  const out: Prediction[] = [];
  for (const r of s.records) {
    if (!r.held) continue;
    for (const printed of r.agendaSymbols) {
      const report = parseSymbol(printed);
      if (!report || report.type !== 'periodic-report' || !report.country || !report.report) continue;
      const symbol = formatSymbol({ ...report, type: 'concluding-observations', typeCode: 'CO', suffixes: [] });
      out.push({ symbol, reason: 'concluding-observations', why: `${printed} was considered on ${r.held}`, everyHours: 24, until: addToDate(r.held, { days: OBSERVATIONS_DAYS }) });
    }
  }
  return out;
}

/**
 * A document issued lately: its next corrigendum, and the document itself now and then, since
 * a reissue keeps the symbol (the ingest tells an unchanged copy from a changed one).
 */
function corrections(s: WatchSnapshot): Prediction[] {
  const out: Prediction[] = [];
  for (const d of s.issued) {
    const parsed = parseSymbol(d.symbol);
    if (!parsed || parsed.suffixes.some((x) => /^Corr/i.test(x))) continue;
    const until = addToDate(d.issued, { days: CORRECTIONS_DAYS });
    let n = 1;
    while (s.stored.has(normalizeSymbol(`${d.symbol}/Corr.${n}`) ?? '')) n++;
    out.push({ symbol: `${d.symbol}/Corr.${n}`, reason: 'corrigendum', why: `a correction to ${d.symbol}, issued ${d.issued}`, everyHours: 24 * 7, until });
    out.push({ symbol: d.symbol, reason: 'reissue', why: `a reissue of ${d.symbol}, issued ${d.issued}`, everyHours: 24 * 14, until });
  }
  return out;
}

import type { Kysely, Selectable } from 'kysely';
import { addToDate } from '../domain/dates.js';
import { normalizeSymbol } from '../domain/symbols.js';
import type { HostState } from '../watch/politeness.js';
import type { Prediction, WatchReason, WatchSnapshot } from '../watch/predict.js';
import type { DocumentDetails } from './records.js';
import { parseJson } from './rows.js';
import type { Database, WatchHostsTable, WatchItemsTable } from './tables.js';

/** How far back the store is read for predictions: sessions, dialogues and documents of the last two months. */
const LOOK_BACK_DAYS = 60;

/** The watch's list and its hosts' state, in the store: a restart or a lost Redis loses neither. */

export interface WatchItem {
  symbol: string;
  reason: WatchReason;
  why: string;
  origin: 'predicted' | 'manual';
  addedBy: string | null;
  addedAt: string;
  everyHours: number;
  until: string | null;
  lastCheckedAt: string | null;
  lastOutcome: string | null;
  nextCheckAt: string;
  failures: number;
  foundAt: string | null;
}

function rowToItem(r: Selectable<WatchItemsTable>): WatchItem {
  return {
    symbol: r.symbol,
    reason: r.reason as WatchReason,
    why: r.why,
    origin: r.origin as WatchItem['origin'],
    addedBy: r.added_by,
    addedAt: r.added_at,
    everyHours: r.every_hours,
    until: r.until,
    lastCheckedAt: r.last_checked_at,
    lastOutcome: r.last_outcome,
    nextCheckAt: r.next_check_at,
    failures: r.failures,
    foundAt: r.found_at,
  };
}

function rowToHost(r: Selectable<WatchHostsTable>): HostState {
  return { host: r.host, day: r.day, requests: r.requests, failures: r.failures, pausedUntil: r.paused_until, lastRequestAt: r.last_request_at, lastError: r.last_error };
}

export class WatchList {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  /** What predictions are made from: recent records and documents, awaited replies, every stored symbol. */
  async snapshot(today: string): Promise<WatchSnapshot> {
    const since = addToDate(today, { days: -LOOK_BACK_DAYS });
    const [records, replies, issued, symbols] = await Promise.all([
      this.db.selectFrom('documents').select(['committee', 'meeting', 'session', 'held', 'details']).where('kind', '=', 'summary-record').where('held', '>=', since).execute(),
      this.db.selectFrom('deadlines').select(['symbol', 'due', 'met']).where('kind', '=', 'follow-up-reply').where('met', 'is', null).execute(),
      this.db
        .selectFrom('documents')
        .select(['symbol', 'issued'])
        .where('kind', 'in', ['concluding-observations', 'follow-up-evaluation', 'follow-up-reply', 'list-of-issues'])
        .where('symbol', 'is not', null)
        .where('issued', '>=', since)
        .where('issued', '<=', today)
        .execute(),
      this.db.selectFrom('documents').select('symbol').where('symbol', 'is not', null).execute(),
    ]);
    return {
      today,
      records: records.map((r) => ({
        committee: r.committee as WatchSnapshot['records'][number]['committee'],
        meeting: r.meeting,
        session: r.session,
        held: r.held,
        agendaSymbols: (parseJson<DocumentDetails>(r.details).meeting?.agenda ?? []).flatMap((a) => a.symbols),
      })),
      replies,
      issued: issued.flatMap((d) => (d.symbol && d.issued ? [{ symbol: d.symbol, issued: d.issued }] : [])),
      stored: new Set(symbols.flatMap((d) => normalizeSymbol(d.symbol ?? '') ?? [])),
    };
  }

  /** Items still awaited, soonest check first. */
  async items(): Promise<WatchItem[]> {
    const rows = await this.db.selectFrom('watch_items').selectAll().where('found_at', 'is', null).orderBy('next_check_at').orderBy('symbol').execute();
    return rows.map(rowToItem);
  }

  async item(symbol: string): Promise<WatchItem | null> {
    const row = await this.db.selectFrom('watch_items').selectAll().where('symbol', '=', symbol).executeTakeFirst();
    return row ? rowToItem(row) : null;
  }

  /** Items whose check is due, at most `limit`, soonest first. */
  async due(at: Date, limit: number): Promise<WatchItem[]> {
    const rows = await this.db
      .selectFrom('watch_items')
      .selectAll()
      .where('found_at', 'is', null)
      .where('next_check_at', '<=', at.toISOString())
      .orderBy('next_check_at')
      .limit(limit)
      .execute();
    return rows.map(rowToItem);
  }

  /**
   * Makes the predicted part of the list what the predictions say: new ones added (first check
   * at `firstCheck`), gone ones dropped; an admin's items and found ones are left as they are.
   */
  async reconcile(predictions: readonly Prediction[], firstCheck: (p: Prediction) => Date): Promise<{ added: number; dropped: number }> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('watch_items').select(['symbol', 'origin', 'found_at']).execute();
      const known = new Map(existing.map((r) => [r.symbol, r]));
      const wanted = new Set(predictions.map((p) => p.symbol));
      let added = 0;
      for (const p of predictions) {
        const row = known.get(p.symbol);
        if (!row) {
          await trx
            .insertInto('watch_items')
            .values({ symbol: p.symbol, reason: p.reason, why: p.why, origin: 'predicted', added_by: null, added_at: this.now().toISOString(), every_hours: p.everyHours, until: p.until, next_check_at: firstCheck(p).toISOString(), failures: 0 })
            .execute();
          added++;
        } else if (row.origin === 'predicted') {
          // A document found is watched afresh for a reissue, a whole interval after it came.
          const revived = row.found_at !== null && p.reason === 'reissue' ? { found_at: null, next_check_at: new Date(this.now().getTime() + p.everyHours * 3600_000).toISOString() } : {};
          await trx.updateTable('watch_items').set({ reason: p.reason, why: p.why, every_hours: p.everyHours, until: p.until, ...revived }).where('symbol', '=', p.symbol).execute();
        }
      }
      const gone = existing.filter((r) => r.origin === 'predicted' && r.found_at === null && !wanted.has(r.symbol)).map((r) => r.symbol);
      if (gone.length) await trx.deleteFrom('watch_items').where('symbol', 'in', gone).execute();
      return { added, dropped: gone.length };
    });
  }

  /** An admin's item; false when the symbol is already watched. */
  async add(item: { symbol: string; why: string; addedBy: string; everyHours: number; nextCheckAt: Date }): Promise<boolean> {
    const r = await this.db
      .insertInto('watch_items')
      .values({ symbol: item.symbol, reason: 'manual', why: item.why, origin: 'manual', added_by: item.addedBy, added_at: this.now().toISOString(), every_hours: item.everyHours, until: null, next_check_at: item.nextCheckAt.toISOString(), failures: 0 })
      .onConflict((oc) => oc.column('symbol').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async remove(symbol: string): Promise<boolean> {
    const r = await this.db.deleteFrom('watch_items').where('symbol', '=', symbol).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** What one check found, and when the next one is. */
  async checked(symbol: string, at: Date, outcome: { found: boolean; words: string; failed: boolean; next: Date }): Promise<void> {
    const item = await this.item(symbol);
    if (!item) return;
    await this.db
      .updateTable('watch_items')
      .set({
        last_checked_at: at.toISOString(),
        last_outcome: outcome.words,
        next_check_at: outcome.next.toISOString(),
        failures: outcome.failed ? item.failures + 1 : 0,
        found_at: outcome.found ? at.toISOString() : null,
      })
      .where('symbol', '=', symbol)
      .execute();
  }

  /** Items past their last day: nothing came, and nothing more will be asked. */
  async expire(today: string): Promise<number> {
    const r = await this.db.deleteFrom('watch_items').where('found_at', 'is', null).where('until', 'is not', null).where('until', '<', today).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async host(host: string): Promise<HostState | null> {
    const r = await this.db.selectFrom('watch_hosts').selectAll().where('host', '=', host).executeTakeFirst();
    return r ? rowToHost(r) : null;
  }

  async hosts(): Promise<HostState[]> {
    const rows = await this.db.selectFrom('watch_hosts').selectAll().orderBy('host').execute();
    return rows.map(rowToHost);
  }

  async saveHost(s: HostState): Promise<void> {
    const row = { host: s.host, day: s.day, requests: s.requests, failures: s.failures, paused_until: s.pausedUntil, last_request_at: s.lastRequestAt, last_error: s.lastError };
    await this.db
      .insertInto('watch_hosts')
      .values(row)
      .onConflict((oc) => oc.column('host').doUpdateSet({ day: row.day, requests: row.requests, failures: row.failures, paused_until: row.paused_until, last_request_at: row.last_request_at, last_error: row.last_error }))
      .execute();
  }
}

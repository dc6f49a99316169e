import type { Kysely } from 'kysely';
import { daysBetween } from '../domain/dates.js';
import type { StoredDeadline } from './records.js';
import { PreparedQueries } from './preparedQueries.js';
import { rowToDeadline } from './rows.js';
import type { Database } from './tables.js';

/** The deadlines table as the commands use it: listed, added and removed by people; documents' own are kept on save. */

export interface NewDeadline {
  title: string;
  due: string;
  country: string | null;
  committee: string | null;
  symbol: string | null;
  createdBy: string;
}

export interface DeadlineFilter {
  country?: string;
  committee?: string;
  symbol?: string;
  /** Only those due on or before this date. */
  dueBy?: string;
  /** Only those not yet met. */
  open?: boolean;
}

export class DeadlineRows {
  private readonly prepared: PreparedQueries;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {
    this.prepared = new PreparedQueries(db);
  }

  async list(filter: DeadlineFilter = {}): Promise<StoredDeadline[]> {
    // One compiled query per combination of the filters given.
    const shape = `list${filter.country ? ' country' : ''}${filter.committee ? ' committee' : ''}${filter.symbol ? ' symbol' : ''}${filter.dueBy ? ' dueBy' : ''}${filter.open ? ' open' : ''}`;
    const values = { country: filter.country ?? null, committee: filter.committee ?? null, symbol: filter.symbol ?? null, dueBy: filter.dueBy ?? null };
    const { rows } = await this.prepared.run(shape, values, (v) => {
      let q = this.db.selectFrom('deadlines').selectAll();
      if (filter.country) q = q.where('country', '=', v.country);
      if (filter.committee) q = q.where('committee', '=', v.committee);
      if (filter.symbol) q = q.where('symbol', '=', v.symbol);
      if (filter.dueBy) q = q.where('due', '<=', v.dueBy);
      if (filter.open) q = q.where('met', 'is', null);
      return q.orderBy('due').orderBy('id').limit(500);
    });
    return rows.map(rowToDeadline);
  }

  async add(input: NewDeadline): Promise<StoredDeadline> {
    const row = await this.db
      .insertInto('deadlines')
      .values({
        key: null,
        document_id: null,
        symbol: input.symbol,
        committee: input.committee,
        country: input.country,
        kind: 'custom',
        title: input.title,
        due: input.due,
        basis: `added by ${input.createdBy}`,
        derived: 0,
        met: null,
        days_late: null,
        source: 'person',
        created_by: input.createdBy,
        created_at: this.now().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToDeadline(row);
  }

  async get(id: number): Promise<StoredDeadline | null> {
    const row = await this.db.selectFrom('deadlines').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowToDeadline(row) : null;
  }

  /** What was due arrived: the open deadlines of that kind for that document are met on `met`. */
  async markMet(symbol: string, kind: string, met: string): Promise<StoredDeadline[]> {
    const open = await this.db.selectFrom('deadlines').selectAll().where('symbol', '=', symbol).where('kind', '=', kind).where('met', 'is', null).execute();
    const out: StoredDeadline[] = [];
    for (const d of open) {
      const row = await this.db.updateTable('deadlines').set({ met, days_late: daysBetween(d.due, met) }).where('id', '=', d.id).returningAll().executeTakeFirstOrThrow();
      out.push(rowToDeadline(row));
    }
    return out;
  }

  /** Removes a deadline a person added; those that come from documents stay. */
  async remove(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('deadlines').where('id', '=', id).where('source', '=', 'person').executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

import type { Kysely } from 'kysely';
import { PreparedQueries } from './preparedQueries.js';
import { parseJson } from './rows.js';
import type { Database } from './tables.js';

/** How to reach a conversation later: Teams needs the reference of its last activity to post unprompted. */
export class ConversationReferences {
  /** A Teams door saves a reference on most turns of a busy conversation: the upsert is compiled once. */
  private readonly prepared: PreparedQueries;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {
    this.prepared = new PreparedQueries(db);
  }

  async save(platform: string, conversationId: string, reference: unknown, name: string | null = null): Promise<void> {
    const row = { platform, conversation_id: conversationId, name, reference: JSON.stringify(reference), updated_at: this.now().toISOString() };
    await this.prepared.run('save', row, (v) =>
      this.db
        .insertInto('conversations')
        .values(v)
        .onConflict((oc) => oc.columns(['platform', 'conversation_id']).doUpdateSet({ reference: v.reference, name: (eb) => eb.fn.coalesce(eb.ref('excluded.name'), eb.ref('conversations.name')), updated_at: v.updated_at })),
    );
  }

  async get(platform: string, conversationId: string): Promise<{ reference: unknown; name: string | null; updatedAt: string } | null> {
    const row = await this.db.selectFrom('conversations').selectAll().where('platform', '=', platform).where('conversation_id', '=', conversationId).executeTakeFirst();
    return row ? { reference: parseJson<unknown>(row.reference), name: row.name, updatedAt: row.updated_at } : null;
  }
}

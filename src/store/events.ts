import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

/**
 * Claims an incoming event: true the first time its key is seen, false for a redelivery.
 * Held in the store so that several instances answer a retried event once between them.
 */
export async function claimEvent(db: Kysely<Database>, key: string, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('seen_events')
    .values({ key, seen_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  // Platforms redeliver within minutes; a day of keys is plenty.
  if (Math.random() < 0.01) {
    await db.deleteFrom('seen_events').where('seen_at', '<', new Date(now.getTime() - 86_400_000).toISOString()).execute();
  }
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

import type { Kysely } from 'kysely';
import type { PreparedQueries } from './preparedQueries.js';
import type { Database } from './tables.js';

/**
 * Claims an incoming event: true the first time its key is seen, false for a redelivery.
 * Held in the store so that several instances answer a retried event once between them.
 */
export async function claimEvent(db: Kysely<Database>, prepared: PreparedQueries, key: string, now: Date): Promise<boolean> {
  // Every turn of every door claims its event: the insert is compiled once.
  const result = await prepared.run('claimEvent', { key, seen_at: now.toISOString() }, (v) => db.insertInto('seen_events').values(v).onConflict((oc) => oc.column('key').doNothing()));
  // Platforms redeliver within minutes; a day of keys is plenty.
  if (Math.random() < 0.01) {
    await db.deleteFrom('seen_events').where('seen_at', '<', new Date(now.getTime() - 86_400_000).toISOString()).execute();
  }
  return Number(result.numAffectedRows ?? 0n) > 0;
}

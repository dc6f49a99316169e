import type { Store } from '../store/store.js';
import { newRecordNotice } from './notices.js';

/**
 * A new summary record is announced, once, to every conversation that follows its
 * committee or State party: the messages are written to the store's outbox, keyed by
 * record and conversation, so that reading the record again never announces it twice.
 */
export async function announceRecord(store: Store, key: string): Promise<number[]> {
  const doc = await store.document(key);
  if (!doc || doc.kind !== 'summary-record') return [];
  const followers = await store.conversations.followers(doc.country, doc.committee);
  if (followers.length === 0) return [];
  const notice = await newRecordNotice(store, doc);
  const ids: number[] = [];
  for (const channel of followers) {
    const message = await store.conversations.enqueue(`summary:${doc.key}:${channel.platform}:${channel.channelId}`, channel, notice);
    if (message.status === 'pending') ids.push(message.id);
  }
  return ids;
}

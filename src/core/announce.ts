import { formatSymbol, parseSymbol } from '../domain/symbols.js';
import type { StoredDeadline } from '../store/records.js';
import type { Store } from '../store/store.js';
import { newDocumentNotice, newRecordNotice } from './notices.js';

/**
 * A new document is announced, once, to every conversation that follows its committee or
 * State party: a meeting record with its summary, any other kind with what it is and what it
 * meets. The messages are written to the store's outbox, keyed by document and conversation,
 * so that reading the document again never announces it twice.
 */
export async function announceDocument(store: Store, key: string, met: readonly StoredDeadline[] = []): Promise<number[]> {
  const doc = await store.document(key);
  if (!doc || doc.kind === 'unknown') return [];
  const followers = await store.conversations.followers(doc.country, doc.committee);
  if (followers.length === 0) return [];
  const notice = doc.kind === 'summary-record' ? await newRecordNotice(store, doc) : newDocumentNotice(doc, met);
  // Meeting records kept their key of old, so that records announced before this change are not announced again.
  const prefix = doc.kind === 'summary-record' ? 'summary' : 'document';
  const ids: number[] = [];
  for (const channel of followers) {
    const message = await store.conversations.enqueue(`${prefix}:${doc.key}:${channel.platform}:${channel.channelId}`, channel, notice);
    if (message.status === 'pending') ids.push(message.id);
  }
  return ids;
}

/**
 * A State party's follow-up reply ("CMW/C/AZE/FCO/3", or an addendum "CCPR/C/HUN/CO/6/Add.1")
 * meets the follow-up deadline of the concluding observations it answers ("CMW/C/AZE/CO/3"),
 * on the day it was issued.
 */
export async function meetFollowUpDeadline(store: Store, key: string, today: string): Promise<StoredDeadline[]> {
  const doc = await store.document(key);
  const parsed = doc?.kind === 'follow-up-reply' && doc.symbol ? parseSymbol(doc.symbol) : null;
  if (!doc || !parsed || (parsed.typeCode !== 'FCO' && parsed.typeCode !== 'CO')) return [];
  const co = formatSymbol({ ...parsed, type: 'concluding-observations', typeCode: 'CO', suffixes: [] });
  return store.markDeadlineMet(co, 'follow-up-reply', doc.issued ?? today);
}

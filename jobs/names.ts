import { createHash } from 'node:crypto';
import type { Channel } from '../src/domain/conversations.js';

/** Queue names; every queue lives under the configured prefix. */
export const QUEUES = {
  outbox: 'outbox',
  reminders: 'reminders',
  digests: 'digests',
  ingest: 'ingest',
  maintenance: 'maintenance',
  watch: 'watch',
} as const;

/**
 * A short stable name for a conversation: BullMQ job ids must not contain ":", and Teams
 * conversation ids do ("19:abc@thread.tacv2").
 */
export function channelHash(channel: Channel): string {
  // A workspace is named only where there is one, so the names of other conversations stay as they were.
  const workspace = channel.workspace ? `\u0000${channel.workspace}` : '';
  return createHash('sha1').update(`${channel.platform}\u0000${channel.channelId}${workspace}`).digest('hex').slice(0, 16);
}

/** Deterministic job ids, so that scheduling the same thing twice schedules it once. */
export const jobIds = {
  /** One job per attempt: a failed job keeps its id for days, and must not block the next attempt. */
  outbox: (id: number, attempt: number) => `out-${id}-${attempt}`,
  /** A deadline's slot at a time, for every conversation owed it: who is owed it is decided when it runs. */
  reminder: (deadlineId: number, slot: string, at: Date) => `rem-${deadlineId}-${slot}-${at.getTime()}`,
  personal: (id: number) => `pr-${id}`,
  digest: (channel: Channel) => `dig-${channelHash(channel)}`,
};

import type { Logger } from 'pino';
import type { Channel } from '../domain/conversations.js';
import type { Store } from '../store/store.js';
import { SUBJECT_KEPT_MS, Subject } from './subject.js';

/**
 * Reads and writes conversations' subjects so that an answer never waits on them. Only a
 * follow-up reads; a write goes out after the reply, one at a time per person and
 * conversation, and the next read of that subject waits for it. A subject this process wrote
 * a few minutes ago is not written again. `settle` waits for every write, before the store is
 * closed.
 */
export interface SubjectKeeper {
  read(channel: Channel, userId: string, now: Date): Promise<Subject | null>;
  write(channel: Channel, userId: string, subject: Subject, now: Date): void;
  settle(): Promise<void>;
}

/** Conversations whose last subject is remembered; beyond it the oldest is forgotten and at worst written again. */
const REMEMBERED = 10_000;
/** An unchanged subject is written again after this long, so that its time in the store stays that of its latest use. */
const REWRITE_MS = 10 * 60 * 1000;

export function subjectKeeper(store: Store, logger?: Logger): SubjectKeeper {
  const pending = new Map<string, Promise<void>>();
  const remembered = new Map<string, { json: string; at: number }>();
  const remember = (key: string, json: string, at: number): void => {
    remembered.delete(key);
    if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, { json, at });
  };
  const keyOf = (channel: Channel, userId: string): string => `${channel.platform}\u0000${channel.workspace ?? ''}\u0000${channel.channelId}\u0000${userId}`;
  return {
    async read(channel, userId, now) {
      const key = keyOf(channel, userId);
      await pending.get(key);
      const since = new Date(now.getTime() - SUBJECT_KEPT_MS).toISOString();
      const kept = Subject.safeParse(await store.conversations.subject(channel, userId, since));
      if (!kept.success) {
        remembered.delete(key);
        return null;
      }
      return kept.data;
    },
    write(channel, userId, subject, now) {
      const key = keyOf(channel, userId);
      const json = JSON.stringify(subject);
      const last = remembered.get(key);
      // Most questions in a row are about the same thing.
      if (last && last.json === json && now.getTime() - last.at < REWRITE_MS) return;
      remember(key, json, now.getTime());
      const written: Promise<void> = (pending.get(key) ?? Promise.resolve())
        .then(() => store.conversations.saveSubject(channel, userId, subject))
        // Losing a subject costs a follow-up question its context, never an answer.
        .catch((err: unknown) => {
          if (remembered.get(key)?.json === json) remembered.delete(key);
          logger?.warn({ err, platform: channel.platform }, 'conversation subject not saved');
        })
        .finally(() => {
          if (pending.get(key) === written) pending.delete(key);
        });
      pending.set(key, written);
    },
    async settle() {
      while (pending.size > 0) await Promise.all(pending.values());
    },
  };
}

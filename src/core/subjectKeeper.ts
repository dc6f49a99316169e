import type { Logger } from 'pino';
import type { Channel } from '../domain/conversations.js';
import type { Store } from '../store/store.js';
import { SUBJECT_KEPT_MS, Subject } from './subject.js';

/**
 * Reads and writes conversations' subjects so that an answer never waits on the write: it
 * goes out after the reply, one at a time per person and conversation, and the next read of
 * that subject waits for it. `settle` waits for every write, before the store is closed.
 */
export interface SubjectKeeper {
  read(channel: Channel, userId: string, now: Date): Promise<Subject | null>;
  write(channel: Channel, userId: string, subject: Subject): void;
  settle(): Promise<void>;
}

export function subjectKeeper(store: Store, logger?: Logger): SubjectKeeper {
  const pending = new Map<string, Promise<void>>();
  const keyOf = (channel: Channel, userId: string): string => `${channel.platform}\u0000${channel.channelId}\u0000${userId}`;
  return {
    async read(channel, userId, now) {
      await pending.get(keyOf(channel, userId));
      const since = new Date(now.getTime() - SUBJECT_KEPT_MS).toISOString();
      const kept = Subject.safeParse(await store.conversations.subject(channel, userId, since));
      return kept.success ? kept.data : null;
    },
    write(channel, userId, subject) {
      const key = keyOf(channel, userId);
      const written: Promise<void> = (pending.get(key) ?? Promise.resolve())
        .then(() => store.conversations.saveSubject(channel, userId, subject))
        // Losing a subject costs a follow-up question its context, never an answer.
        .catch((err: unknown) => logger?.warn({ err, platform: channel.platform }, 'conversation subject not saved'))
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

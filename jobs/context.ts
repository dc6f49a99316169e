import type { Queue } from 'bullmq';
import type { App } from '../src/app.js';
import type { ChannelSettings, OutboxMessage } from '../src/store/conversations.js';
import { DEFAULT_WORKING_TIME } from '../src/domain/conversations.js';
import { DEFAULT_REMINDER_DAYS } from '../src/timing/slots.js';
import type { Quiet } from '../src/timing/workingTime.js';
import type { QUEUES } from './names.js';

/** What each kind of job needs of the plumbing in jobs.ts. */
export interface JobContext {
  app: App;
  queues: Record<keyof typeof QUEUES, Queue>;
  clock: () => Date;
  /** Sends a message just stored, from the job that made it; queues it only when it must wait or be retried. */
  deliverNow(message: OutboxMessage): Promise<void>;
  /** The same for many, handed over a batch at a time as they are written, with a bounded number in flight in all. */
  deliverMany(batches: AsyncIterable<readonly OutboxMessage[]>): Promise<void>;
}

/** The time zone, reminder days and working time (with a person's mute) a conversation follows: its own, or the defaults. */
export function rulesOf(settings: ChannelSettings, defaultZone: string): { zone: string; days: readonly number[]; quiet: Quiet } {
  const zone = settings.timeZone ?? defaultZone;
  return {
    zone,
    days: settings.reminderDays ?? DEFAULT_REMINDER_DAYS,
    quiet: { working: settings.workingTime ?? DEFAULT_WORKING_TIME, zone, pausedUntil: settings.mutedUntil ? new Date(settings.mutedUntil) : null },
  };
}

import { z } from 'zod';

/**
 * The vocabulary of conversations, shared by every room: where the bot is spoken to and
 * speaks, and what a conversation asked of it. Nothing here knows a platform's SDK.
 */

export const Platform = z.enum(['console', 'slack', 'teams']);
export type Platform = z.infer<typeof Platform>;

/** A conversation: a Slack channel or direct message, a Teams conversation, the console. */
export const Channel = z.object({
  platform: Platform,
  channelId: z.string(),
  /** The installation the conversation is reached through (a Slack team or enterprise id), where a platform has several. */
  workspace: z.string().optional(),
});
export type Channel = z.infer<typeof Channel>;

/** Just the conversation of anything that names one (a job's data, a stored row), its workspace kept. */
export function conversationOf(c: Channel): Channel {
  return { platform: c.platform, channelId: c.channelId, ...(c.workspace ? { workspace: c.workspace } : {}) };
}

/** Where a message goes: a conversation, and a thread in it when given. */
export const Destination = Channel.extend({
  /** Reply in this thread (Slack thread_ts), when given. */
  threadId: z.string().optional(),
});
export type Destination = z.infer<typeof Destination>;

export const DigestSettings = z.object({
  cadence: z.enum(['daily', 'weekdays']),
  /** Local time "HH:mm". */
  time: z.string().regex(/^\d{2}:\d{2}$/),
  /** Post even when there is nothing to say. */
  always: z.boolean(),
});
export type DigestSettings = z.infer<typeof DigestSettings>;

export const PersonalReminder = Channel.extend({
  id: z.number().int(),
  threadId: z.string().nullable(),
  text: z.string(),
  dueAt: z.string(),
  status: z.enum(['pending', 'sent', 'cancelled']),
  createdBy: z.string(),
});
export type PersonalReminder = z.infer<typeof PersonalReminder>;

/** "HH:mm" on a 24-hour clock; "24:00" only as the end of a day. */
const ClockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/);

/**
 * When a conversation may be spoken to unprompted, in its own time zone: reminders and digests
 * due outside it move to the next working time.
 */
export const WorkingTime = z
  .object({
    /** ISO weekdays, 1 (Monday) to 7 (Sunday). */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    start: ClockTime,
    end: ClockTime,
    /** Days off, ISO dates, in the conversation's zone. */
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(400),
  })
  .refine((w) => w.start < w.end, 'the working day must end after it starts');
export type WorkingTime = z.infer<typeof WorkingTime>;

/** Monday to Friday, 08:00 to 18:00, no holidays. */
export const DEFAULT_WORKING_TIME: WorkingTime = { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00', holidays: [] };

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

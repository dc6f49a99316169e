import { z } from 'zod';
import { Platform } from '../domain/conversations.js';
import { Capabilities } from '../platform.js';

/** A question as it reaches the core from any door. */

export const Request = z.object({
  platform: Platform,
  /** The platform's id of the person asking. */
  userId: z.string(),
  userName: z.string().optional(),
  /** Where the question was asked: a channel, chat or conversation id. */
  channelId: z.string(),
  /** The installation the request came through (a Slack team or enterprise id), where the platform has several. */
  workspace: z.string().optional(),
  text: z.string(),
  /** The conversation is a direct message between the person and the bot; not given when the door cannot tell. */
  direct: z.boolean().optional(),
  /** What the door's platform can do; none when not given. */
  capabilities: Capabilities.optional(),
});
export type Request = z.infer<typeof Request>;

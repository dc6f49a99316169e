import { z } from 'zod';
import type { Platform } from './domain/conversations.js';

/**
 * What a chat platform can do, declared by its adapter: the core and the jobs ask for a
 * capability, never for a platform by name.
 */
export const Capabilities = z.object({
  /** A person's own id is a conversation the bot can post in (Slack's direct messages). */
  directMessageByUserId: z.boolean(),
  /** Replies can go into a thread under a message. */
  threads: z.boolean(),
  /** An answer can be shown to the asker alone. */
  ephemeral: z.boolean(),
  /** A message already posted can be changed in place. */
  updateMessage: z.boolean(),
});
export type Capabilities = z.infer<typeof Capabilities>;

export interface PlatformTraits {
  name: Platform;
  /** The least time between two messages in one conversation: the platform's rate limit, with room. */
  paceMs: number;
  capabilities: Capabilities;
}

export const NO_CAPABILITIES: Capabilities = { directMessageByUserId: false, threads: false, ephemeral: false, updateMessage: false };

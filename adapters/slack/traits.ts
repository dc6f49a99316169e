import type { PlatformTraits } from '../../src/platform.js';

/** Slack: about one message a second per channel (chat.postMessage), threads, ephemeral answers, updates; a user id is a DM. */
export const slackTraits: PlatformTraits = {
  name: 'slack',
  paceMs: 1100,
  capabilities: { directMessageByUserId: true, threads: true, ephemeral: true, updateMessage: true },
};

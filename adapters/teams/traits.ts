import type { PlatformTraits } from '../../src/platform.js';

/** Teams: a few messages a second per conversation; replies in threads; no ephemeral answers; a user id is not a conversation. */
export const teamsTraits: PlatformTraits = {
  name: 'teams',
  paceMs: 250,
  capabilities: { directMessageByUserId: false, threads: true, ephemeral: false, updateMessage: true },
};

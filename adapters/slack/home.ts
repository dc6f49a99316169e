import type { webApi } from '@slack/bolt';
import type { Core } from '../../src/core/core.js';
import { renderHome } from './blockKit.js';
import { slackTraits } from './traits.js';

/** Publishes a person's App Home: their overview from the core, as a home view. */
export async function publishHome(client: webApi.WebClient, core: Core, who: { userId: string; channelId?: string; workspace?: string | undefined }): Promise<void> {
  const overview = await core.home({
    platform: 'slack',
    userId: who.userId,
    channelId: who.channelId ?? who.userId,
    ...(who.workspace ? { workspace: who.workspace } : {}),
    text: '',
    capabilities: slackTraits.capabilities,
  });
  await client.views.publish({ user_id: who.userId, view: renderHome(overview) });
}

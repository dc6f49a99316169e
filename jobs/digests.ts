import { buildDigest, emptyDigest } from '../src/core/notices.js';
import type { Channel } from '../src/domain/conversations.js';
import { dateIn } from '../src/domain/dates.js';
import { digestPattern } from '../src/timing/digests.js';
import { rulesOf, type JobContext } from './context.js';
import { jobIds } from './names.js';

/** A conversation's digest: a Job Scheduler in its own time zone, and the job that writes the digest. */

export async function scheduleDigest(ctx: JobContext, channel: Channel): Promise<void> {
  const { store, config } = ctx.app;
  const settings = await store.conversations.settings(channel);
  const id = jobIds.digest(channel);
  if (!settings.digest) {
    await ctx.queues.digests.removeJobScheduler(id);
    return;
  }
  await ctx.queues.digests.upsertJobScheduler(
    id,
    { pattern: digestPattern(settings.digest), tz: rulesOf(settings, config.TZ_DEFAULT).zone },
    { name: 'digest', data: channel, opts: { removeOnComplete: true, removeOnFail: 100 } },
  );
}

export async function runDigest(ctx: JobContext, channel: Channel): Promise<string> {
  const { store, config } = ctx.app;
  const settings = await store.conversations.settings(channel);
  if (!settings.digest) return 'off';
  const { zone } = rulesOf(settings, config.TZ_DEFAULT);
  const now = ctx.clock();
  const today = dateIn(now, zone);
  const built = await buildDigest(store, channel, today, settings.lastDigestAt);
  await store.conversations.updateSettings(channel, { lastDigestAt: now.toISOString() });
  if (!built && !settings.digest.always) return 'nothing to say';
  const content = built ?? emptyDigest(today, (await store.conversations.subscriptions(channel)).length);
  const message = await store.conversations.enqueue(`digest:${channel.platform}:${channel.channelId}:${today}`, channel, content);
  if (message.status === 'pending') await ctx.deliverNow(message);
  return 'queued';
}

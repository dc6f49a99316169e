import { DateTime } from 'luxon';
import { buildDigestParts, emptyDigest } from '../src/core/notices.js';
import type { Channel, DigestSettings } from '../src/domain/conversations.js';
import { dateIn } from '../src/domain/dates.js';
import { digestPattern, nextDigestAt } from '../src/timing/digests.js';
import { isWorkingTime, nextWorkingTime, type Quiet } from '../src/timing/workingTime.js';
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

/**
 * A digest due outside working time: nothing when a regular one comes on the day working time
 * resumes (it covers everything since the last), otherwise one digest at the next working time.
 */
async function moveDigest(ctx: JobContext, channel: Channel, digest: DigestSettings, quiet: Quiet, working: Date): Promise<string> {
  const day = (at: Date) => DateTime.fromJSDate(at, { zone: quiet.zone }).toISODate();
  let next = ctx.clock();
  for (let i = 0; i < 14; i++) {
    next = nextDigestAt(digest, quiet.zone, next);
    if (day(next)! > day(working)!) break;
    if (isWorkingTime(next, quiet)) return 'outside working time: the next digest comes the same day';
  }
  await ctx.queues.digests.add('digest', channel, { jobId: `${jobIds.digest(channel)}-at-${working.getTime()}`, delay: Math.max(0, working.getTime() - ctx.clock().getTime()), removeOnComplete: true, removeOnFail: 100 });
  return 'moved to working time';
}

export async function runDigest(ctx: JobContext, channel: Channel): Promise<string> {
  const { store, config } = ctx.app;
  const settings = await store.conversations.settings(channel);
  if (!settings.digest) return 'off';
  const { zone, quiet } = rulesOf(settings, config.TZ_DEFAULT);
  const now = ctx.clock();
  const working = nextWorkingTime(now, quiet);
  if (working > now) return moveDigest(ctx, channel, settings.digest, quiet, working);
  const today = dateIn(now, zone);
  const built = await buildDigestParts(store, channel, today, settings.lastDigestAt);
  await store.conversations.updateSettings(channel, { lastDigestAt: now.toISOString() });
  if (!built && !settings.digest.always) return 'nothing to say';
  const key = `digest:${channel.platform}:${channel.channelId}:${today}`;
  // In a direct message, or with nothing to list, one message; elsewhere the counts, with the details in their thread.
  if (!built || settings.direct) {
    const message = await store.conversations.enqueue(key, channel, built?.whole ?? emptyDigest(today, (await store.conversations.subscriptions(channel)).length));
    if (message.status === 'pending') await ctx.deliverNow(message);
    return 'queued';
  }
  const parent = await store.conversations.enqueue(key, channel, built.parent);
  const details = await store.conversations.enqueue(`${key}:details`, channel, built.details, { parentId: parent.id });
  if (parent.status === 'pending') await ctx.deliverNow(parent);
  if (details.status === 'pending') await ctx.deliverNow(details);
  return 'queued';
}

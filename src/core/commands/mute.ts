import { DateTime } from 'luxon';
import { DEFAULT_WORKING_TIME, type Channel } from '../../domain/conversations.js';
import { ErrorCode } from '../../errors.js';
import { nextWorkingTime } from '../../timing/workingTime.js';
import type { ArgsOf } from '../commandSchemas.js';
import { channelOf, kindOf, zoneOf, type CoreContext } from '../context.js';
import { localDateTime } from '../format.js';
import { reply, type Reply } from '../reply.js';

/**
 * "mute until 2027-01-05", "unmute": a person pauses what comes to them, in their direct message
 * with the bot. A channel's reminders are everyone's there, so one person cannot mute them.
 */

/** A mute lasts a year at most: longer is better said with "unfollow". */
const MAX_MUTE_DAYS = 366;

/**
 * Where what comes to this person arrives: their direct message, and on a platform where a
 * person's id is a conversation (Slack's "remind me"), that id too.
 */
function ownConversations(ctx: CoreContext): Channel[] {
  const own = [channelOf(ctx)];
  if (ctx.request.capabilities?.directMessageByUserId && ctx.request.userId !== ctx.request.channelId) own.push({ ...channelOf(ctx), channelId: ctx.request.userId });
  return own;
}

function onlyInDirectMessage(what: string): Reply {
  return reply(
    'refusal',
    [
      { type: 'text', text: `${what} works in your direct message with me: it pauses what comes to you. Reminders in this conversation are shared by everyone in it, so one person cannot mute them.` },
      { type: 'context', text: 'Here you can change when they come with “working hours 07:30-17:00”, “working days mon-fri” or “holidays add 2026-12-25”, or stop them with “digest off” or “unfollow …”.' },
    ],
    ErrorCode.Forbidden,
  );
}

async function replan(ctx: CoreContext, channels: readonly Channel[]): Promise<void> {
  for (const channel of channels) {
    await ctx.jobs?.channelChanged(channel);
    await ctx.jobs?.digestChanged(channel);
  }
}

export async function mute(args: ArgsOf<'mute'>, ctx: CoreContext): Promise<Reply> {
  if (!ctx.request.direct) return onlyInDirectMessage('Mute');
  const zone = await zoneOf(ctx);
  const now = DateTime.fromJSDate(ctx.clock(), { zone });
  const until = DateTime.fromISO(args.until, { zone }).startOf('day');
  if (until <= now) return reply('help', [{ type: 'text', text: `${args.until} has begun or passed; a mute lasts until a day to come, as in “mute until ${now.plus({ weeks: 2 }).toISODate()}”.` }]);
  if (until.diff(now, 'days').days > MAX_MUTE_DAYS) return reply('help', [{ type: 'text', text: `A mute lasts a year at most (until ${now.plus({ days: MAX_MUTE_DAYS }).toISODate()}); to stop reminders for longer, “unfollow” what they are about.` }]);
  const own = ownConversations(ctx);
  for (const channel of own) await ctx.store.conversations.updateSettings(channel, { mutedUntil: until.toUTC().toISO(), ...(channel.channelId === ctx.request.channelId ? kindOf(ctx) : {}) });
  await replan(ctx, own);
  const working = (await ctx.store.conversations.settings(channelOf(ctx))).workingTime ?? DEFAULT_WORKING_TIME;
  const resume = nextWorkingTime(until.toJSDate(), { working, zone });
  return reply('answer', [
    { type: 'text', text: `Muted: nothing comes to you from me until ${localDateTime(until.toJSDate(), zone)} (${zone}). What falls due meanwhile comes at the next working time after that, ${localDateTime(resume, zone)}, one reminder per deadline.` },
    { type: 'context', text: 'Channels you are in keep their reminders. “unmute” ends the mute now.' },
  ]);
}

export async function unmute(ctx: CoreContext): Promise<Reply> {
  if (!ctx.request.direct) return onlyInDirectMessage('Unmute');
  const own = ownConversations(ctx);
  const muted = (await Promise.all(own.map((c) => ctx.store.conversations.settings(c)))).some((s) => s.mutedUntil && new Date(s.mutedUntil) > ctx.clock());
  for (const channel of own) await ctx.store.conversations.updateSettings(channel, { mutedUntil: null });
  await replan(ctx, own);
  return reply('answer', [{ type: 'text', text: muted ? 'Unmuted: reminders and digests come to you again, in working time.' : 'Nothing was muted here.' }]);
}

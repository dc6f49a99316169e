import { IANAZone } from 'luxon';
import { DEFAULT_WORKING_TIME } from '../../domain/conversations.js';
import { workingInWords } from './workingTime.js';
import { countryName } from '../../domain/countries.js';
import { nextDigestAt } from '../../timing/digests.js';
import { DEFAULT_REMINDER_DAYS } from '../../timing/slots.js';
import type { ArgsOf } from '../commandSchemas.js';
import { channelOf, zoneOf, type CoreContext } from '../context.js';
import { localDateTime, plural, today } from '../format.js';
import { standing } from '../../deadlines/standing.js';
import { reply, type Block, type Reply } from '../reply.js';

/** "follow Azerbaijan", "follow CMW", "unfollow ...", "following", "time zone ...", "reminder days ...". */

const named = (kind: 'country' | 'committee', value: string) => (kind === 'country' ? countryName(value) ?? value : value);

/** "30 days, 7 days and 1 day before each due date and on the day itself". */
export function daysInWords(days: readonly number[]): string {
  const before = [...new Set(days)].filter((d) => d > 0).sort((a, b) => b - a).map((d) => plural(d, 'day'));
  const list = before.length > 1 ? `${before.slice(0, -1).join(', ')} and ${before.at(-1)}` : before[0];
  const onTheDay = days.includes(0);
  if (!list) return onTheDay ? 'on each due date itself' : 'never before a due date';
  return `${list} before each due date${onTheDay ? ' and on the day itself' : ''}`;
}

export async function follow(args: ArgsOf<'follow'>, ctx: CoreContext): Promise<Reply> {
  const channel = channelOf(ctx);
  // The person's id, not name: a delivery failure there is reported to them directly.
  const added = await ctx.store.conversations.follow(channel, args.kind, args.value, ctx.request.userId);
  await ctx.jobs?.channelChanged(channel);
  const settings = await ctx.store.conversations.settings(channel);
  const days = settings.reminderDays ?? DEFAULT_REMINDER_DAYS;
  const now = today(ctx.clock, await zoneOf(ctx));
  // A corrections window that has closed is followed but owed nothing: it is not counted as open.
  const open = (await ctx.store.conversations.deadlinesFollowed(channel))
    .filter((d) => (args.kind === 'country' ? d.country === args.value : d.committee === args.value))
    .filter((d) => standing(d, now).state !== 'closed');
  return reply('answer', [
    { type: 'text', text: added ? `This conversation now follows ${named(args.kind, args.value)}.` : `This conversation already follows ${named(args.kind, args.value)}.` },
    { type: 'context', text: `Reminders ${daysInWords(days)}, then the day after it passes, at 09:00 (${await zoneOf(ctx)}); summaries of new meeting records. ${plural(open.length, 'open deadline')} now followed.${ctx.jobs ? '' : ' Reminders start when the job worker runs.'}` },
  ]);
}

export async function unfollow(args: ArgsOf<'unfollow'>, ctx: CoreContext): Promise<Reply> {
  const channel = channelOf(ctx);
  const removed = await ctx.store.conversations.unfollow(channel, args.kind, args.value);
  await ctx.jobs?.channelChanged(channel);
  return reply(removed ? 'answer' : 'not-found', [
    { type: 'text', text: removed ? `This conversation no longer follows ${named(args.kind, args.value)}; its reminders stop.` : `This conversation did not follow ${named(args.kind, args.value)}.` },
  ]);
}

export async function following(ctx: CoreContext): Promise<Reply> {
  const channel = channelOf(ctx);
  const subs = await ctx.store.conversations.subscriptions(channel);
  const settings = await ctx.store.conversations.settings(channel);
  const zone = settings.timeZone ?? ctx.timeZone;
  const blocks: Block[] = [{ type: 'heading', text: 'What this conversation follows' }];
  if (subs.length) blocks.push({ type: 'list', items: subs.map((s) => ({ text: `${named(s.kind, s.value)} (${s.kind})` })) });
  else blocks.push({ type: 'text', text: 'Nothing yet. Try “follow Azerbaijan” or “follow CMW”.' });
  const digest = settings.digest;
  blocks.push({
    type: 'fields',
    fields: [
      { label: 'Time zone', value: zone },
      { label: 'Reminders', value: `${daysInWords(settings.reminderDays ?? DEFAULT_REMINDER_DAYS)}, at 09:00 (${zone})` },
      { label: 'Working time', value: `${workingInWords(settings.workingTime ?? DEFAULT_WORKING_TIME, zone)}${settings.workingTime?.holidays.length ? `, ${plural(settings.workingTime.holidays.length, 'holiday')}` : ''}; outside it, reminders and digests wait for the next working time` },
      { label: 'Digest', value: digest ? `${digest.cadence === 'daily' ? 'every day' : 'on weekdays'} at ${digest.time} (${zone})${digest.always ? ', even when empty' : ''}; next on ${localDateTime(nextDigestAt(digest, zone, ctx.clock()), zone)} (${zone})` : 'off' },
    ],
  });
  return reply('answer', blocks);
}

export async function setTimeZone(args: ArgsOf<'timezone'>, ctx: CoreContext): Promise<Reply> {
  if (!IANAZone.isValidZone(args.timeZone)) {
    return reply('help', [{ type: 'text', text: `“${args.timeZone}” is not a time zone I know. Use an IANA name such as Europe/Zurich, America/New_York or Asia/Bangkok.` }]);
  }
  const channel = channelOf(ctx);
  await ctx.store.conversations.updateSettings(channel, { timeZone: args.timeZone });
  await ctx.jobs?.channelChanged(channel);
  await ctx.jobs?.digestChanged(channel);
  return reply('answer', [{ type: 'text', text: `Reminders and digests here now follow ${args.timeZone} time.` }]);
}

export async function reminderDays(args: ArgsOf<'reminder-days'>, ctx: CoreContext): Promise<Reply> {
  const channel = channelOf(ctx);
  if (!args.days) {
    const current = (await ctx.store.conversations.settings(channel)).reminderDays ?? DEFAULT_REMINDER_DAYS;
    return reply('answer', [{ type: 'text', text: `Reminders come ${daysInWords(current)}, then the day after it passes and weekly until marked done.` }]);
  }
  const days = [...new Set(args.days)].sort((a, b) => b - a);
  await ctx.store.conversations.updateSettings(channel, { reminderDays: days });
  await ctx.jobs?.channelChanged(channel);
  return reply('answer', [{ type: 'text', text: `Reminders here now come ${daysInWords(days)}.` }]);
}

import { IANAZone } from 'luxon';
import { countryName } from '../../domain/countries.js';
import { nextDigestAt } from '../../timing/digests.js';
import { DEFAULT_REMINDER_DAYS } from '../../timing/slots.js';
import type { ArgsOf } from '../commandSchemas.js';
import { channelOf, zoneOf, type CoreContext } from '../context.js';
import { plural } from '../format.js';
import { reply, type Block, type Reply } from '../reply.js';

/** "follow Azerbaijan", "follow CMW", "unfollow ...", "following", "time zone ...", "reminder days ...". */

const named = (kind: 'country' | 'committee', value: string) => (kind === 'country' ? countryName(value) ?? value : value);

export function daysInWords(days: readonly number[]): string {
  const parts = [...days].sort((a, b) => b - a).map((d) => (d === 0 ? 'on the day' : plural(d, 'day')));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0] ?? 'never';
}

export async function follow(args: ArgsOf<'follow'>, ctx: CoreContext): Promise<Reply> {
  const channel = channelOf(ctx);
  // The person's id, not name: a delivery failure there is reported to them directly.
  const added = await ctx.store.conversations.follow(channel, args.kind, args.value, ctx.request.userId);
  await ctx.jobs?.channelChanged(channel);
  const settings = await ctx.store.conversations.settings(channel);
  const days = settings.reminderDays ?? DEFAULT_REMINDER_DAYS;
  const open = (await ctx.store.conversations.deadlinesFollowed(channel)).filter((d) => (args.kind === 'country' ? d.country === args.value : d.committee === args.value));
  return reply('answer', [
    { type: 'text', text: added ? `This conversation now follows ${named(args.kind, args.value)}.` : `This conversation already follows ${named(args.kind, args.value)}.` },
    { type: 'context', text: `Reminders ${daysInWords(days)} before each due date and the day after it passes, at 09:00 ${await zoneOf(ctx)}; summaries of new meeting records. ${plural(open.length, 'open deadline')} now followed.${ctx.jobs ? '' : ' Reminders start when the job worker runs.'}` },
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
      { label: 'Reminders', value: `${daysInWords(settings.reminderDays ?? DEFAULT_REMINDER_DAYS)} before, at 09:00` },
      { label: 'Digest', value: digest ? `${digest.cadence} at ${digest.time}${digest.always ? ', even when empty' : ''}; next ${nextDigestAt(digest, zone, ctx.clock()).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'off' },
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
    return reply('answer', [{ type: 'text', text: `Reminders come ${daysInWords(current)} before each due date, then the day after it passes and weekly until marked done.` }]);
  }
  const days = [...new Set(args.days)].sort((a, b) => b - a);
  await ctx.store.conversations.updateSettings(channel, { reminderDays: days });
  await ctx.jobs?.channelChanged(channel);
  return reply('answer', [{ type: 'text', text: `Reminders here now come ${daysInWords(days)} before each due date.` }]);
}

import { DateTime } from 'luxon';
import { impossibleDate } from '../../domain/dates.js';
import { DEFAULT_WORKING_TIME } from '../../domain/conversations.js';
import { parseWhen } from '../../timing/when.js';
import { nextWorkingTime } from '../../timing/workingTime.js';
import { workingInWords } from './workingTime.js';
import type { ArgsOf } from '../commandSchemas.js';
import { channelOf, zoneOf, type CoreContext } from '../context.js';
import { localDateTime, longDate, plural, today } from '../format.js';
import { reply, type Reply } from '../reply.js';
import { standing } from '../../deadlines/standing.js';
import { describeStanding } from '../deadlineWords.js';

/** "remind us about para 36 Azerbaijan on 1 December at 9:00", "remind me in 2 weeks to ...", "snooze", "done". */

const when = localDateTime;

/** What to be reminded of: the words after "remind me", without those that said when. */
function reminderText(text: string, whenWords: string): string {
  return text
    .replace(/^\s*remind\s+(?:me|us|everyone|the\s+(?:channel|team))\b/i, '')
    .replace(whenWords, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:about|to|that|of)\s+/i, '')
    .replace(/[.?!]+$/, '');
}

/** What a form asking "when?" starts from: the conversation's zone, and tomorrow there. */
export function remindForm(ctx: CoreContext, who: 'me' | 'us', about: string, zone: string): NonNullable<Reply['form']> {
  return { kind: 'remind', who, about, timeZone: zone, day: DateTime.fromJSDate(ctx.clock(), { zone }).plus({ days: 1 }).toISODate()! };
}

export async function remind(args: ArgsOf<'remind'>, ctx: CoreContext): Promise<Reply> {
  const zone = await zoneOf(ctx);
  const impossible = impossibleDate(args.text);
  if (impossible) return reply('help', [{ type: 'text', text: `${impossible}. Say when as “on 1 December at 9:00”, “in 2 weeks” or “tomorrow”.` }]);
  const parsed = await parseWhen(args.text, zone, ctx.clock());
  if (!parsed) {
    return { ...reply('help', [{ type: 'text', text: 'When? Say it as “on 1 December at 9:00”, “in 2 weeks” or “tomorrow”.' }]), form: remindForm(ctx, args.who, reminderText(args.text, ''), zone) };
  }
  if (parsed.at <= ctx.clock()) return reply('help', [{ type: 'text', text: `${when(parsed.at, zone)} has passed; give a time to come.` }]);
  const what = reminderText(args.text, parsed.text);
  if (!what) return reply('help', [{ type: 'text', text: 'Remind you of what? As in “remind me in 2 weeks to check the FCO reply”.' }]);
  // "me" is a direct message where a person's id is a conversation; elsewhere, the conversation asked in.
  const channelId = args.who === 'me' && ctx.request.capabilities?.directMessageByUserId ? ctx.request.userId : ctx.request.channelId;
  // Outside the working time of where it goes (or while muted there), it comes at the next working time, and says so now.
  const there = await ctx.store.conversations.settings({ ...channelOf(ctx), channelId });
  const working = there.workingTime ?? DEFAULT_WORKING_TIME;
  const at = nextWorkingTime(parsed.at, { working, zone, pausedUntil: there.mutedUntil ? new Date(there.mutedUntil) : null });
  const created = await ctx.store.conversations.addReminder({
    ...channelOf(ctx),
    channelId,
    threadId: null,
    text: what,
    dueAt: at.toISOString(),
    createdBy: ctx.request.userName ?? ctx.request.userId,
  });
  await ctx.jobs?.personalReminderAdded(created);
  const moved = at.getTime() !== parsed.at.getTime() ? ` ${when(parsed.at, zone)} is outside the working time there (${workingInWords(working, zone)}${there.mutedUntil && new Date(there.mutedUntil) > parsed.at ? ', or muted' : ''}), so it comes at the next working time.` : '';
  return reply('answer', [
    { type: 'text', text: `I will remind ${args.who === 'me' ? 'you' : 'this conversation'} on ${when(at, zone)} (${zone}): ${what}.${moved}` },
    { type: 'context', text: `Reminder #${created.id}.` },
  ]);
}

export async function reminders(ctx: CoreContext): Promise<Reply> {
  const channel = channelOf(ctx);
  const zone = await zoneOf(ctx);
  const own = await ctx.store.conversations.reminders({ status: 'pending', channel });
  const mine = ctx.request.capabilities?.directMessageByUserId
    ? await ctx.store.conversations.reminders({ status: 'pending', channel: { ...channel, channelId: ctx.request.userId } })
    : [];
  const all = [...own, ...mine];
  if (all.length === 0) return reply('not-found', [{ type: 'text', text: 'No reminders are set here. Try “remind us about para 36 Azerbaijan on 1 December at 9:00”.' }]);
  return reply('answer', [{ type: 'list', title: 'Reminders set', items: all.map((r) => ({ text: `#${r.id} ${when(new Date(r.dueAt), zone)}: ${r.text} (set by ${r.createdBy})` })) }]);
}

export async function snooze(args: ArgsOf<'snooze'>, ctx: CoreContext): Promise<Reply> {
  const d = await ctx.store.deadline(args.deadline);
  if (!d) return reply('not-found', [{ type: 'text', text: `There is no deadline #${args.deadline}.` }]);
  if (d.met) return reply('not-found', [{ type: 'text', text: `“${d.title}” was ${describeStanding(standing(d, d.met))}; no reminders come about it, so there is nothing to snooze.` }]);
  const channel = channelOf(ctx);
  const zone = await zoneOf(ctx);
  const until = DateTime.fromJSDate(ctx.clock(), { zone }).plus({ days: args.days }).toJSDate();
  const state = await ctx.store.conversations.reminderState(channel, d.id);
  await ctx.store.conversations.setReminderState(channel, d.id, { ...state, snoozedUntil: until.toISOString() });
  await ctx.jobs?.reminderStateChanged(channel, d.id);
  return reply('answer', [{ type: 'text', text: `Snoozed “${d.title}” here for ${plural(args.days, 'day')}: the next reminder comes on ${when(until, zone)} (${zone}).` }]);
}

export async function done(args: ArgsOf<'done'>, ctx: CoreContext): Promise<Reply> {
  const d = await ctx.store.deadline(args.deadline);
  if (!d) return reply('not-found', [{ type: 'text', text: `There is no deadline #${args.deadline}.` }]);
  const channel = channelOf(ctx);
  const who = ctx.request.userName ?? ctx.request.userId;
  await ctx.store.conversations.setReminderState(channel, d.id, { doneAt: ctx.clock().toISOString(), doneBy: who, snoozedUntil: null });
  await ctx.jobs?.reminderStateChanged(channel, d.id);
  const now = today(ctx.clock, await zoneOf(ctx));
  return reply('answer', [
    { type: 'text', text: `Marked “${d.title}” (due ${longDate(d.due)}, ${describeStanding(standing(d, now))}) done here, by ${who}. No more reminders about it in this conversation.` },
    { type: 'context', text: `Deadline #${d.id}; other conversations that follow it keep their own reminders.` },
  ]);
}

import { DEFAULT_WORKING_TIME, type Channel, type WorkingTime } from '../../domain/conversations.js';
import { formatLongDate } from '../../domain/dates.js';
import { daysInWords, nextWorkingTime } from '../../timing/workingTime.js';
import type { ArgsOf } from '../commandSchemas.js';
import { channelOf, kindOf, zoneOf, type CoreContext } from '../context.js';
import { localDateTime, plural } from '../format.js';
import { reply, type Reply } from '../reply.js';

/** "working hours 07:30-17:00", "working days mon-fri", "holidays add 2026-12-25", "holidays remove ...", "holidays". */

export function workingInWords(w: WorkingTime, zone: string): string {
  return `${daysInWords(w.days)}, ${w.start}–${w.end} (${zone})`;
}

async function workingOf(ctx: CoreContext, channel: Channel): Promise<WorkingTime> {
  return (await ctx.store.conversations.settings(channel)).workingTime ?? DEFAULT_WORKING_TIME;
}

/** Saves a changed working time and re-plans what is scheduled here under it. */
async function save(ctx: CoreContext, channel: Channel, working: WorkingTime): Promise<void> {
  await ctx.store.conversations.updateSettings(channel, { workingTime: working, ...kindOf(ctx) });
  await ctx.jobs?.channelChanged(channel);
}

async function changed(ctx: CoreContext, what: string, working: WorkingTime): Promise<Reply> {
  const zone = await zoneOf(ctx);
  const next = nextWorkingTime(ctx.clock(), { working, zone });
  return reply('answer', [
    { type: 'text', text: `${what} Reminders and digests here come ${workingInWords(working, zone)}; one due outside that time comes at the next working time.` },
    { type: 'context', text: `Next working time: ${next.getTime() === ctx.clock().getTime() ? 'now' : `${localDateTime(next, zone)} (${zone})`}.${working.holidays.length ? ` ${plural(working.holidays.length, 'holiday')} set (“holidays” lists them).` : ''}` },
  ]);
}

export async function workingHours(args: ArgsOf<'working-hours'>, ctx: CoreContext): Promise<Reply> {
  const channel = channelOf(ctx);
  const current = await workingOf(ctx, channel);
  if (!args.hours) return changed(ctx, 'This conversation’s working time:', current);
  const working = { ...current, ...args.hours };
  await save(ctx, channel, working);
  return changed(ctx, `Working hours here are now ${args.hours.start}–${args.hours.end}.`, working);
}

export async function workingDays(args: ArgsOf<'working-days'>, ctx: CoreContext): Promise<Reply> {
  const channel = channelOf(ctx);
  const current = await workingOf(ctx, channel);
  if (!args.days) return changed(ctx, 'This conversation’s working time:', current);
  const working = { ...current, days: args.days };
  await save(ctx, channel, working);
  return changed(ctx, `Working days here are now ${daysInWords(args.days)}.`, working);
}

export async function holidays(args: ArgsOf<'holidays'>, ctx: CoreContext): Promise<Reply> {
  const channel = channelOf(ctx);
  const current = await workingOf(ctx, channel);
  const zone = await zoneOf(ctx);
  if (args.action === 'list') {
    if (!current.holidays.length) return reply('answer', [{ type: 'text', text: 'No holidays are set here. Add one with “holidays add 2026-12-25”.' }]);
    return reply('answer', [
      { type: 'list', title: 'Holidays here: no reminders or digests on these days', items: [...current.holidays].sort().map((d) => ({ text: formatLongDate(d) })) },
      { type: 'context', text: `Working time: ${workingInWords(current, zone)}.` },
    ]);
  }
  const known = new Set(current.holidays);
  const touched = args.dates.filter((d) => (args.action === 'add' ? !known.has(d) : known.has(d)));
  if (!touched.length) {
    const which = args.dates.map(formatLongDate).join(', ');
    return reply('answer', [{ type: 'text', text: args.action === 'add' ? `${which} ${args.dates.length > 1 ? 'are' : 'is'} already a holiday here.` : `${which} ${args.dates.length > 1 ? 'are not holidays' : 'is not a holiday'} here; “holidays” lists them.` }]);
  }
  const next = args.action === 'add' ? [...current.holidays, ...touched].sort() : current.holidays.filter((d) => !touched.includes(d));
  if (next.length > 400) return reply('help', [{ type: 'text', text: `That would make ${next.length} holidays here; at most 400 are kept. Remove past ones with “holidays remove YYYY-MM-DD”.` }]);
  const working = { ...current, holidays: next };
  await save(ctx, channel, working);
  const list = touched.map(formatLongDate).join(', ');
  return changed(ctx, args.action === 'add' ? `Added ${plural(touched.length, 'holiday')} here: ${list}.` : `Removed ${plural(touched.length, 'holiday')} here: ${list}.`, working);
}

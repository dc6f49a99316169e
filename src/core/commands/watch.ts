import { nextCheck } from '../../watch/politeness.js';
import { predict } from '../../watch/predict.js';
import type { WatchItem } from '../../store/watchList.js';
import type { ArgsOf } from '../commandSchemas.js';
import { zoneOf, type CoreContext } from '../context.js';
import { localDateTime, plural, today } from '../format.js';
import { reply, type ListItem, type Reply } from '../reply.js';

/**
 * "watch": what the watch asks the UN's hosts for, why, when each was last checked and when
 * it next will be; "watch add CMW/C/SR.470" and "watch remove ..." for admins.
 */

/** An admin's item is asked for twice a day until it comes. */
const MANUAL_EVERY_HOURS = 12;
/** Items shown in one answer; the rest are counted. */
const SHOWN = 25;

function itemText(i: WatchItem, zone: string): string {
  const last = i.lastCheckedAt ? `last checked ${localDateTime(new Date(i.lastCheckedAt), zone)} (${i.lastOutcome ?? 'no answer'})` : 'not checked yet';
  return `${i.symbol}: ${i.why}; ${last}; next ${localDateTime(new Date(i.nextCheckAt), zone)}`;
}

export async function watchList(ctx: CoreContext): Promise<Reply> {
  const [items, hosts, zone] = await Promise.all([ctx.store.watch.items(), ctx.store.watch.hosts(), zoneOf(ctx)]);
  if (items.length === 0) {
    // The list is made at each round: before the first (or with the watch off), say what the store predicts.
    const predicted = predict(await ctx.store.watch.snapshot(today(ctx.clock, zone)));
    if (predicted.length === 0) {
      return reply('answer', [{ type: 'text', text: 'The watch asks for nothing at the moment: no session is under way in the store, no follow-up reply is due within a month, and no admin has added a symbol.' }]);
    }
    return reply('answer', [
      { type: 'list', title: `From the store, the watch would ask for ${plural(predicted.length, 'document')}:`, items: predicted.slice(0, SHOWN).map((p) => ({ text: `${p.symbol}: ${p.why}` })) },
      { type: 'context', text: 'None has been checked yet: the watch asks at its rounds, when it is turned on (RAPPORTEUR_WATCH=on).' },
    ]);
  }
  const list: ListItem[] = items.slice(0, SHOWN).map((i) => ({ text: itemText(i, zone) }));
  const failing = hosts.filter((h) => h.failures > 0);
  return reply('answer', [
    { type: 'list', title: `The watch asks for ${plural(items.length, 'document')}:`, items: list },
    ...(items.length > SHOWN ? [{ type: 'context' as const, text: `And ${plural(items.length - SHOWN, 'more')}, checked later.` }] : []),
    ...failing.map((h) => ({ type: 'context' as const, text: `${h.host} has failed ${plural(h.failures, 'time')} in a row (${h.lastError ?? 'no reason given'})${h.pausedUntil ? `; asked again from ${localDateTime(new Date(h.pausedUntil), zone)}` : ''}.` })),
  ]);
}

export async function watchChange(args: ArgsOf<'watch-change'>, ctx: CoreContext): Promise<Reply> {
  if (args.action === 'remove') {
    const removed = await ctx.store.watch.remove(args.symbol);
    return removed
      ? reply('answer', [{ type: 'text', text: `The watch no longer asks for ${args.symbol}.` }])
      : reply('not-found', [{ type: 'text', text: `The watch was not asking for ${args.symbol}.` }]);
  }
  if (await ctx.store.document(args.symbol)) {
    return reply('refusal', [{ type: 'text', text: `${args.symbol} is already in the store; the watch asks only for documents not yet read.` }]);
  }
  const now = ctx.clock();
  const added = await ctx.store.watch.add({ symbol: args.symbol, why: 'added by an admin', addedBy: `${ctx.request.platform}:${ctx.request.userId}`, everyHours: MANUAL_EVERY_HOURS, nextCheckAt: now });
  if (!added) return reply('answer', [{ type: 'text', text: `The watch already asks for ${args.symbol}.` }]);
  const zone = await zoneOf(ctx);
  return reply('answer', [
    { type: 'text', text: `The watch will ask the UN’s hosts for ${args.symbol} at its next round, then about every ${MANUAL_EVERY_HOURS} hours until it comes (next after the first: about ${localDateTime(nextCheck(args.symbol, MANUAL_EVERY_HOURS, now), zone)}).` },
    { type: 'context', text: 'Its followers are told when it arrives.' },
  ]);
}

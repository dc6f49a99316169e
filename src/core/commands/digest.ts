import { IANAZone } from 'luxon';
import { nextDigestAt } from '../../timing/digests.js';
import type { ArgsOf } from '../commandSchemas.js';
import { channelOf, kindOf, zoneOf, type CoreContext } from '../context.js';
import { localDateTime, today } from '../format.js';
import { buildDigest, emptyDigest } from '../notices.js';
import { reply, type Reply } from '../reply.js';

/** "digest daily 09:00 Europe/Zurich", "digest weekdays 08:30", "digest off", "digest now", "digest". */
export async function setDigest(args: ArgsOf<'digest'>, ctx: CoreContext): Promise<Reply> {
  const channel = channelOf(ctx);
  const settings = await ctx.store.conversations.settings(channel);
  switch (args.action) {
    case 'off':
      await ctx.store.conversations.updateSettings(channel, { digest: null });
      await ctx.jobs?.digestChanged(channel);
      return reply('answer', [{ type: 'text', text: settings.digest ? 'The digest here is off.' : 'There was no digest here.' }]);
    case 'now': {
      const zone = await zoneOf(ctx);
      const day = today(ctx.clock, zone);
      const subscriptions = (await ctx.store.conversations.subscriptions(channel)).length;
      return (await buildDigest(ctx.store, channel, day, settings.lastDigestAt)) ?? emptyDigest(day, subscriptions);
    }
    case 'show': {
      const zone = await zoneOf(ctx);
      if (!settings.digest) return reply('answer', [{ type: 'text', text: 'No digest here. Try “digest daily 09:00” or “digest weekdays 08:30”.' }]);
      return reply('answer', [{ type: 'text', text: `Digest ${settings.digest.cadence === 'daily' ? 'every day' : 'on weekdays'} at ${settings.digest.time} (${zone}); next on ${localDateTime(nextDigestAt(settings.digest, zone, ctx.clock()), zone)} (${zone}).` }]);
    }
    case 'set': {
      if (args.timeZone && !IANAZone.isValidZone(args.timeZone)) {
        return reply('help', [{ type: 'text', text: `“${args.timeZone}” is not a time zone I know. Use an IANA name such as Europe/Zurich.` }]);
      }
      const before = await zoneOf(ctx);
      const [hour, minute] = args.time.split(':').map(Number);
      if (hour! > 23 || minute! > 59) return reply('help', [{ type: 'text', text: `${args.time} is not a time of day; use 24-hour “HH:MM”.` }]);
      await ctx.store.conversations.updateSettings(channel, {
        digest: { cadence: args.cadence, time: args.time, always: args.always },
        ...(args.timeZone ? { timeZone: args.timeZone } : {}),
        ...(settings.lastDigestAt ? {} : { lastDigestAt: ctx.clock().toISOString() }),
        // A digest in a direct message is one message; elsewhere, counts with the details in a thread.
        ...kindOf(ctx),
      });
      await ctx.jobs?.digestChanged(channel);
      const zone = args.timeZone ?? before;
      const next = nextDigestAt({ cadence: args.cadence, time: args.time, always: args.always }, zone, ctx.clock());
      // The zone is the conversation's, shared with reminders: a change is said, never made silently.
      const zoneChange = zone !== before ? ` This conversation’s time zone is now ${zone} (it was ${before}); reminders here follow it too.` : '';
      return reply('answer', [
        { type: 'text', text: `A digest will be posted here ${args.cadence === 'daily' ? 'every day' : 'on weekdays'} at ${args.time} ${zone} time: overdue items, what is due within 30 days, new documents and changed grades${args.always ? ', even when there is nothing new' : '; nothing is posted when there is nothing to say'}.${zoneChange}` },
        { type: 'context', text: `Next: ${localDateTime(next, zone)} (${zone}).${ctx.jobs ? '' : ' Digests start when the job worker runs.'}` },
      ]);
    }
  }
}

import { issueCalendarToken } from '../calendar.js';
import type { ArgsOf } from '../commandSchemas.js';
import { channelOf, type CoreContext } from '../context.js';
import { longDate } from '../format.js';
import { reply, type Reply } from '../reply.js';

/** "calendar", "calendar reset", "calendar off": the conversation's private feed of its deadlines. */

const HOW = 'Subscribe to it by its address: in Outlook, Add calendar › Subscribe from web; in Google Calendar, Other calendars › From URL; in Apple Calendar, File › New Calendar Subscription. It holds one all-day event per open deadline this conversation follows, and changes as they do.';

function issued(url: string, what: string): Reply {
  return reply('answer', [
    { type: 'text', text: `${what} ${url}` },
    { type: 'text', text: HOW },
    { type: 'context', text: 'Anyone with the address can read these deadlines: share it only with people in this conversation. “calendar reset” gives a new address and stops the old one.' },
  ]);
}

export async function calendar(args: ArgsOf<'calendar'>, ctx: CoreContext): Promise<Reply> {
  const channel = channelOf(ctx);
  const by = ctx.request.userName ?? ctx.request.userId;
  const url = (token: string) => `${ctx.publicUrl}/calendar/${token}.ics`;
  const existing = await ctx.store.conversations.calendarFeed(channel);
  switch (args.action) {
    case 'off': {
      const revoked = await ctx.store.conversations.revokeCalendarFeed(channel);
      return reply('answer', [{ type: 'text', text: revoked ? 'The calendar feed of this conversation is off: its address no longer works. “calendar” makes a new one.' : 'This conversation has no calendar feed.' }]);
    }
    case 'reset':
      return issued(url(await issueCalendarToken(ctx.store, channel, by)), existing ? 'The old calendar address no longer works. The new private calendar feed of this conversation’s deadlines:' : 'The private calendar feed of this conversation’s deadlines:');
    case 'show':
      if (existing) {
        return reply('answer', [
          { type: 'text', text: `This conversation has a calendar feed already, made by ${existing.createdBy} on ${longDate(existing.createdAt.slice(0, 10))}. I keep only a fingerprint of its address, so I cannot show it again: “calendar reset” gives a new address (and stops the old one).` },
        ]);
      }
      return issued(url(await issueCalendarToken(ctx.store, channel, by)), 'The private calendar feed of this conversation’s deadlines:');
  }
}

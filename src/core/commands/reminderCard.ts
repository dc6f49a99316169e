import { followUpStatusOf } from '../../deadlines/standing.js';
import { channelOf, zoneOf, type CoreContext } from '../context.js';
import { localDateTime, today } from '../format.js';
import { deadlineReminder } from '../notices.js';
import { reply, type Block, type Reply, type View } from '../reply.js';

/**
 * A posted reminder as it stands now in the conversation it was posted in: the same card, with
 * what has become of it ("Snoozed until ...", "Done by ..."), and only the buttons that still
 * mean something. Doors that edit messages redraw the reminder with it.
 */
export async function reminderNow(deadlineId: number, ctx: CoreContext): Promise<Reply> {
  const d = await ctx.store.deadline(deadlineId);
  if (!d) return reply('not-found', [{ type: 'text', text: `Deadline #${deadlineId} has been removed; this reminder no longer applies.` }]);
  const channel = channelOf(ctx);
  const [state, zone] = await Promise.all([ctx.store.conversations.reminderState(channel, d.id), zoneOf(ctx, channel)]);
  const base = deadlineReminder(d, today(ctx.clock, zone));
  const now = ctx.clock();
  let line: string | null = null;
  let blocks: Block[] = base.blocks;
  if (state.doneAt) {
    line = `Done by ${state.doneBy ?? 'someone'} on ${localDateTime(new Date(state.doneAt), zone)} (${zone}). No more reminders about it here.`;
    // Once done, only the follow-up status is still worth a press.
    const statusOf = followUpStatusOf(d);
    blocks = blocks.flatMap((b): Block[] => {
      if (b.type !== 'actions') return [b];
      return statusOf ? [{ type: 'actions', actions: b.actions.filter((a) => a.id === 'status') }] : [];
    });
  } else if (state.snoozedUntil && new Date(state.snoozedUntil) > now) {
    line = `Snoozed until ${localDateTime(new Date(state.snoozedUntil), zone)} (${zone}).`;
  }
  if (line) {
    const at = blocks.findIndex((b) => b.type === 'actions');
    const stateBlock: Block = { type: 'text', text: line };
    blocks = at === -1 ? [...blocks, stateBlock] : [...blocks.slice(0, at), stateBlock, ...blocks.slice(at)];
  }
  return { ...reply('answer', blocks), view: base.view };
}

/** What a view shows now, for the person looking at it in their conversation. */
export function redraw(view: View, ctx: CoreContext): Promise<Reply> {
  switch (view.kind) {
    case 'deadline-reminder':
      return reminderNow(view.deadline, ctx);
  }
}

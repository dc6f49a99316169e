import { countryName } from '../../domain/countries.js';
import { addToDate } from '../../domain/dates.js';
import { zoneOf, type CoreContext } from '../context.js';
import { longDate, today } from '../format.js';
import { reply, type Block, type Reply } from '../reply.js';
import { standing } from '../../deadlines/standing.js';
import { deadlineCite, describeStanding } from '../deadlineWords.js';

/** How far ahead the overview looks. */
const HORIZON_DAYS = 60;

/**
 * A person's overview: what they follow, what of it is overdue or due soon, and buttons
 * for the common questions. Someone who follows nothing sees every deadline.
 */
export async function homeView(ctx: CoreContext): Promise<Reply> {
  const zone = await zoneOf(ctx);
  const now = today(ctx.clock, zone);
  const follows = await ctx.store.conversations.subscriptionsBy(ctx.request.platform, ctx.request.userId, ctx.request.workspace);
  const countries = new Set(follows.filter((s) => s.kind === 'country').map((s) => s.value));
  const committees = new Set(follows.filter((s) => s.kind === 'committee').map((s) => s.value));
  const all = await ctx.store.deadlines({ dueBy: addToDate(now, { days: HORIZON_DAYS }), open: true });
  const rows = follows.length ? all.filter((d) => (d.country && countries.has(d.country)) || (d.committee && committees.has(d.committee))) : all;
  const rated = rows.map((d) => ({ d, s: standing(d, now) })).filter((r) => r.s.state === 'overdue' || r.s.state === 'upcoming');
  const item = (r: (typeof rated)[number]) => ({
    text: `#${r.d.id} ${r.d.title}: due ${longDate(r.d.due)}, ${describeStanding(r.s)}`,
    ...deadlineCite(r.d),
  });
  const overdue = rated.filter((r) => r.s.state === 'overdue');
  const upcoming = rated.filter((r) => r.s.state === 'upcoming');
  const blocks: Block[] = [{ type: 'heading', text: 'Rapporteur' }];
  blocks.push(
    follows.length
      ? { type: 'text', text: `You follow ${[...new Set(follows.map((s) => (s.kind === 'country' ? countryName(s.value) ?? s.value : s.value)))].join(', ')}.` }
      : { type: 'text', text: 'You follow nothing yet, so every deadline is shown. Say “follow Azerbaijan” or “follow CMW” where you want reminders.' },
  );
  if (overdue.length) blocks.push({ type: 'list', title: 'Overdue', items: overdue.map(item) });
  if (upcoming.length) blocks.push({ type: 'list', title: `Due in the next ${HORIZON_DAYS} days`, items: upcoming.map(item) });
  if (!overdue.length && !upcoming.length) blocks.push({ type: 'text', text: `Nothing is overdue or due in the next ${HORIZON_DAYS} days.` });
  blocks.push({ type: 'context', text: `As of ${longDate(now)} (${zone}).` });
  blocks.push({
    type: 'actions',
    actions: [
      { id: 'home-deadlines', label: 'All deadlines', kind: 'command', command: 'deadlines' },
      { id: 'home-documents', label: 'Documents', kind: 'command', command: 'documents' },
      { id: 'home-help', label: 'Help', kind: 'command', command: 'help' },
    ],
  });
  return reply('answer', blocks);
}

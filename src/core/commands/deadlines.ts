import { DateTime } from 'luxon';
import { countryName } from '../../domain/countries.js';
import { addToDate } from '../../domain/dates.js';
import { standing, type Standing } from '../../deadlines/standing.js';
import type { StoredDeadline } from '../../store/records.js';
import type { ArgsOf } from '../commandSchemas.js';
import { zoneOf, type CoreContext } from '../context.js';
import { deadlineCite, describeStanding } from '../deadlineWords.js';
import { longDate, plural, today } from '../format.js';
import { reply, type Block, type ListItem, type Reply } from '../reply.js';
import { ErrorCode } from '../../errors.js';

function item(d: StoredDeadline, s: Standing): ListItem {
  const basis = d.source === 'person' ? `added by ${d.createdBy ?? 'a person'}` : d.basis;
  // The number is what "snooze 12" and "done 12" take.
  return {
    text: `#${d.id} ${d.title}: due ${longDate(d.due)}, ${describeStanding(s)} (${basis})`,
    ...deadlineCite(d),
  };
}

const DEADLINE_COLUMNS = ['#', 'Deadline', 'Due', 'Standing', 'From'];

function row(d: StoredDeadline, s: Standing): string[] {
  return [String(d.id), d.title, longDate(d.due), describeStanding(s), d.source === 'person' ? `added by ${d.createdBy ?? 'a person'}` : (d.symbol ?? d.basis)];
}

export async function deadlines(args: ArgsOf<'deadlines'>, ctx: CoreContext): Promise<Reply> {
  const zone = await zoneOf(ctx);
  const now = today(ctx.clock, zone);
  const until = args.within ? DateTime.fromISO(now, { zone }).endOf(args.within).toISODate()! : args.days ? addToDate(now, { days: args.days }) : null;
  const rows = (
    await ctx.store.deadlines({
      ...(args.country ? { country: args.country } : {}),
      ...(args.committee ? { committee: args.committee } : {}),
      ...(until ? { dueBy: until } : {}),
    })
  ).filter((d) => !args.within || d.due >= DateTime.fromISO(now, { zone }).startOf(args.within).toISODate()!);
  const rated = rows.map((d) => ({ d, s: standing(d, now) }));
  const overdue = rated.filter((r) => r.s.state === 'overdue');
  const upcoming = rated.filter((r) => r.s.state === 'upcoming');
  const met = rated.filter((r) => r.s.state === 'met');
  const closed = rated.filter((r) => r.s.state === 'closed').length;
  const scope = [args.country ? countryName(args.country) ?? args.country : null, args.committee].filter(Boolean).join(', ');
  const blocks: Block[] = [{ type: 'heading', text: `Deadlines${scope ? ` for ${scope}` : ''}${args.within ? ` this ${args.within} (to ${longDate(until)})` : args.days ? ` in the next ${plural(args.days, 'day')}` : ''}` }];
  const show = (title: string, list: typeof rated) => {
    if (list.length) blocks.push({ type: 'list', title, items: list.map((r) => item(r.d, r.s)), table: { columns: DEADLINE_COLUMNS, rows: list.map((r) => row(r.d, r.s)) } });
  };
  show('Overdue', overdue);
  if (args.filter !== 'overdue') show('Coming up', upcoming);
  if (args.filter === 'all') show('Received', met);
  const shown = overdue.length + (args.filter !== 'overdue' ? upcoming.length : 0) + (args.filter === 'all' ? met.length : 0);
  if (shown === 0) {
    blocks.push({ type: 'text', text: args.filter === 'overdue' ? 'Nothing is overdue.' : 'Nothing is due.' });
  }
  blocks.push({ type: 'context', text: `Counted from today, ${longDate(now)} (${zone}).${closed ? ` ${plural(closed, 'corrections window')} closed earlier ${closed === 1 ? 'is' : 'are'} not listed.` : ''}` });
  return reply(shown === 0 ? 'not-found' : 'answer', blocks);
}

export async function addDeadline(args: ArgsOf<'deadline-add'>, ctx: CoreContext): Promise<Reply> {
  const who = ctx.request.userName ?? `${ctx.request.platform}:${ctx.request.userId}`;
  const d = await ctx.store.addDeadline({ title: args.title, due: args.due, country: args.country ?? null, committee: args.committee ?? null, symbol: null, createdBy: who });
  await ctx.jobs?.deadlinesChanged({ country: d.country, committee: d.committee });
  const where = [args.country ? countryName(args.country) : null, args.committee].filter(Boolean).join(', ');
  return reply('answer', [
    { type: 'text', text: `Added deadline #${d.id}: ${d.title}${where ? ` (${where})` : ''}, due ${longDate(d.due)}, ${describeStanding(standing(d, today(ctx.clock, await zoneOf(ctx))))}.` },
    { type: 'context', text: `Remove it with “deadline remove ${d.id}”.` },
  ]);
}

export async function removeDeadline(args: ArgsOf<'deadline-remove'>, ctx: CoreContext): Promise<Reply> {
  const existing = await ctx.store.deadline(args.id);
  if (!existing) return reply('not-found', [{ type: 'text', text: `There is no deadline #${args.id}.` }]);
  if (existing.source === 'document') {
    return reply('refusal', [{ type: 'text', text: `Deadline #${args.id} comes from ${existing.symbol ?? 'a document'} and follows the documents; only deadlines people added can be removed.` }], ErrorCode.Forbidden);
  }
  await ctx.store.removeDeadline(args.id);
  await ctx.jobs?.deadlinesChanged({ country: existing.country, committee: existing.committee });
  return reply('answer', [{ type: 'text', text: `Removed deadline #${args.id}: ${existing.title}.` }]);
}

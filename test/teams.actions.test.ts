import { afterEach, describe, expect, it } from 'vitest';
import { deadlineReminder } from '../src/core/notices.js';
import type { StoredDeadline } from '../src/store/records.js';
import { CARD_CONTENT_TYPE } from '../adapters/teams/adaptiveCard.js';
import {
  CHANNEL,
  PERSONAL,
  USER,
  buttonsOf,
  cardsOf,
  channelMessage,
  executed,
  personalMessage,
  startTeamsHarness,
  visibleText,
  type TeamsHarness,
} from './support/fakeTeams.js';

const open: TeamsHarness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

const OTHER = { id: '29:1Omar-Haddad-teams-id', name: 'Omar Haddad', aadObjectId: '0d5c3b2a-1f4e-4a6b-8c7d-9e0f1a2b3c4d' };

interface Answer {
  statusCode: number;
  type: string;
  value: unknown;
}

/** A door with a reminder posted in the channel, as the reminders job posts it. */
async function withReminder(options: Parameters<typeof startTeamsHarness>[0] = {}): Promise<{ h: TeamsHarness; deadline: StoredDeadline; messageId: string; card: Record<string, unknown> }> {
  const h = await startTeamsHarness(options);
  open.push(h);
  await h.send(channelMessage(h.connector.url, 'help'));
  const deadline = await h.app.store.addDeadline({ title: 'Reply to the list of issues', due: '2026-12-15', country: 'AZE', committee: 'CMW', symbol: null, createdBy: 'Ana Ruiz' });
  const sent = await h.door.sender!.send({ platform: 'teams', channelId: CHANNEL }, deadlineReminder(deadline, '2026-11-29'));
  const post = h.connector.posted.at(-1)!;
  return { h, deadline, messageId: sent.messageId!, card: cardsOf([post])[0]! };
}

async function press(h: TeamsHarness, data: unknown, options: Parameters<typeof executed>[2]): Promise<{ answer: Answer; ms: number }> {
  const started = performance.now();
  const response = await h.send(executed(h.connector.url, data, options));
  const ms = performance.now() - started;
  expect(response.status).toBe(200);
  return { answer: (await response.json()) as Answer, ms };
}

describe('Teams door: universal actions (Action.Execute)', () => {
  it('posts a reminder whose buttons are Action.Execute and which refreshes for every member', async () => {
    const { card } = await withReminder();
    expect(card).toMatchObject({ version: '1.5', refresh: { action: { type: 'Action.Execute', verb: 'refresh' } } });
    // No userIds: Teams refreshes the card for every member of a chat or channel of up to 60.
    expect((card.refresh as Record<string, unknown>).userIds).toBeUndefined();
    expect([...buttonsOf(card).keys()]).toEqual(['Snooze 1 day', 'Snooze 1 week', 'Done']);
    expect(JSON.stringify(card)).not.toContain('Action.Submit');
  });

  it('snoozes from the card, and shows “Snoozed until …” in place for who pressed and for everyone, within Teams’ time limit', async () => {
    const { h, deadline, messageId, card } = await withReminder();
    const { answer, ms } = await press(h, buttonsOf(card).get('Snooze 1 week')!.data, { cardMessageId: messageId, conversationId: CHANNEL });
    // Teams waits a few seconds for an invoke; the door acknowledges anything slower at 2.5 s.
    expect(ms).toBeLessThan(2500);
    expect(answer).toMatchObject({ statusCode: 200, type: CARD_CONTENT_TYPE });
    const text = visibleText(answer.value);
    expect(text).toContain('Reminder: Reply to the list of issues');
    expect(text).toContain('Snoozed until Sunday 6 December 2026 at 10:00 (Europe/Zurich).');
    expect([...buttonsOf(answer.value).keys()]).toEqual(['Snooze 1 day', 'Snooze 1 week', 'Done']);

    // The message itself is edited, so that everyone sees the new state, and no new message is posted.
    const edit = h.connector.posted.at(-1)!;
    expect(edit).toMatchObject({ method: 'PUT', conversationId: CHANNEL, replyTo: messageId });
    expect(cardsOf([edit])[0]).toEqual(answer.value);
    expect(h.connector.posted.filter((p) => p.method === 'POST')).toHaveLength(2);

    const state = await h.app.store.conversations.reminderState({ platform: 'teams', channelId: CHANNEL }, deadline.id);
    expect(state.snoozedUntil).toBe('2026-12-06T09:00:00.000Z');
  });

  it('marks done from the card: “Done by …”, with the buttons that no longer apply gone; another member’s refresh shows the same', async () => {
    const { h, messageId, card } = await withReminder();
    const { answer } = await press(h, buttonsOf(card).get('Done')!.data, { cardMessageId: messageId, conversationId: CHANNEL });
    const text = visibleText(answer.value);
    expect(text).toContain(`Done by ${USER.name} on Sunday 29 November 2026 at 10:00 (Europe/Zurich). No more reminders about it here.`);
    expect(buttonsOf(answer.value).size).toBe(0);

    // Another member opens the channel: Teams asks for the card's current state.
    const refresh = (card.refresh as { action: { data: unknown } }).action.data;
    const seen = await press(h, refresh, { cardMessageId: messageId, conversationId: CHANNEL, verb: 'refresh', from: OTHER, trigger: 'automatic' });
    expect(visibleText(seen.answer.value)).toContain(`Done by ${USER.name}`);
    // Refreshing changes nothing and posts nothing.
    expect(h.connector.posted.filter((p) => p.method === 'PUT')).toHaveLength(1);
  });

  it('redraws a card whose state changed elsewhere when it is refreshed, and each refresh is answered', async () => {
    const { h, deadline, messageId, card } = await withReminder();
    const refresh = (card.refresh as { action: { data: unknown } }).action.data;
    const before = await press(h, refresh, { cardMessageId: messageId, conversationId: CHANNEL, verb: 'refresh', trigger: 'automatic' });
    expect(visibleText(before.answer.value)).not.toContain('Snoozed');
    await h.app.core.handle({ platform: 'teams', userId: OTHER.aadObjectId, userName: OTHER.name, channelId: CHANNEL, text: `snooze ${deadline.id} 3 days` });
    const after = await press(h, refresh, { cardMessageId: messageId, conversationId: CHANNEL, verb: 'refresh', trigger: 'automatic' });
    expect(visibleText(after.answer.value)).toContain('Snoozed until Wednesday 2 December 2026 at 10:00 (Europe/Zurich).');
  });

  it('says why, and leaves the card, when the command cannot be done', async () => {
    const { h, deadline, messageId, card } = await withReminder();
    await h.app.store.removeDeadline(deadline.id);
    const { answer } = await press(h, buttonsOf(card).get('Snooze 1 day')!.data, { cardMessageId: messageId, conversationId: CHANNEL });
    expect(answer).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: `There is no deadline #${deadline.id}.` });
    expect(h.connector.posted.filter((p) => p.method === 'PUT')).toEqual([]);
  });

  it('answers a button of an answer card (Show source, another paragraph) with a new message in the conversation', async () => {
    const h = await startTeamsHarness();
    open.push(h);
    await h.send(personalMessage(h.connector.url, 'status of para 36 Azerbaijan'));
    const [card] = cardsOf(h.connector.into(PERSONAL));
    const source = buttonsOf(card).get('Show source');
    expect(source).toBeDefined();
    const { answer } = await press(h, source!.data, { cardMessageId: 'posted-1' });
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    const shown = h.connector.posted.at(-1)!;
    expect(shown).toMatchObject({ method: 'POST', conversationId: PERSONAL });
    const text = visibleText(cardsOf([shown])[0]);
    expect(text).toContain('[C]: Paragraph 36 (a)');
    expect(text).toContain('— follow-up evaluation of CMW/C/AZE/CO/3 (2 March 2026), lines');
    expect(h.asked.at(-1)).toMatchObject({ text: (source!.data as { rapporteur: { command: string } }).rapporteur.command, userId: USER.aadObjectId });
  });

  it('shows the answer in place of the card where the bot cannot post (a card inserted from the message extension)', async () => {
    const h = await startTeamsHarness();
    open.push(h);
    h.connector.refuse(PERSONAL, { status: 403 });
    const { answer } = await press(h, { rapporteur: { kind: 'command', command: 'doc CMW/C/SR.463' } }, { cardMessageId: 'inserted-card' });
    expect(answer).toMatchObject({ statusCode: 200, type: CARD_CONTENT_TYPE });
    expect(visibleText(answer.value)).toContain('CMW/C/SR.463');
    expect(h.connector.posted).toEqual([]);
  });

  it('acknowledges a slow command at once and posts its answer when ready', async () => {
    const { h, card, messageId } = await withReminder({ coreDelayMs: 300, door: { ackAfterMs: 20 } });
    const { answer, ms } = await press(h, buttonsOf(card).get('Snooze 1 day')!.data, { cardMessageId: messageId, conversationId: CHANNEL });
    expect(ms).toBeLessThan(300);
    expect(answer).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Looking into it: the answer will follow here in a moment.' });
    const later = await h.connector.waitFor((p) => JSON.stringify(p.activity).includes('Snoozed'));
    expect(later.method).toBe('POST');
  });

  it('refuses an invoke that is not one of its cards’ actions', async () => {
    const h = await startTeamsHarness();
    open.push(h);
    const { answer } = await press(h, { something: 'else' }, { cardMessageId: 'posted-1' });
    expect(answer).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(h.asked).toEqual([]);
  });
});

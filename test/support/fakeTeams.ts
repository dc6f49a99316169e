import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Activity } from 'botbuilder';
import { pino } from 'pino';
import type { Door } from '../../adapters/door.js';
import { close, createHttpApp, listen } from '../../adapters/http/server.js';
import { startTeamsDoor, type TeamsDoorOptions } from '../../adapters/teams/index.js';
import { openApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Request } from '../../src/core/request.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';

/**
 * The Teams door as Teams meets it: the real core over a fresh store with the seeds, the shared
 * HTTP server on 127.0.0.1, and a fake Bot Connector as the activities' serviceUrl.
 */

// botbuilder's HTTP client obeys HTTP(S)_PROXY; nothing here may leave the machine.
process.env.NO_PROXY = '127.0.0.1,localhost';
process.env.no_proxy = '127.0.0.1,localhost';

export const NOW = '2026-11-29T09:00:00Z';
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: '28:2bd4b1d3-2c7a-4b6e-9d1c-0f5e8a3b7c21', name: 'Rapporteur' };
export const USER = { id: '29:1Ana-Ruiz-teams-id', name: 'Ana Ruiz', aadObjectId: '6b1f0c52-8a4e-4f1b-9c3d-2e7a5d9f0b14' };
export const PERSONAL = 'a:1ZPersonalChatWithAnaRuiz';
export const CHANNEL = '19:f0a1b2c3d4e5@thread.tacv2;messageid=1764406800000';
export const GROUP = '19:meeting_groupchat_treaty@thread.v2';

export interface TeamsHarness {
  /** http://127.0.0.1:port/api/messages */
  endpoint: string;
  app: App;
  door: Door;
  connector: FakeConnector;
  /** Every request that reached the core, in order. */
  asked: Request[];
  /** POSTs an activity to /api/messages as the Bot Connector would. */
  send(activity: Partial<Activity>, authorization?: string): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  door?: TeamsDoorOptions;
  /** Makes every answer of the core take this long (the real answer, later). */
  coreDelayMs?: number;
  /** An existing Bot Connector to point activities at. */
  connector?: FakeConnector;
}

export async function startTeamsHarness(options: HarnessOptions = {}): Promise<TeamsHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapporteur-teams-'));
  const config = loadConfig({ RAPPORTEUR_DATA_DIR: dataDir, RAPPORTEUR_ENV: 'development', TEAMS_ENABLED: '1', LOG_LEVEL: 'silent', ...options.env });
  const opened = await openApp(config, { clock: () => new Date(NOW), logger: pino({ level: 'silent' }) });
  const asked: Request[] = [];
  const app: App = {
    ...opened,
    core: {
      ...opened.core,
      handle: async (request) => {
        asked.push(request);
        if (options.coreDelayMs) await new Promise((resolve) => setTimeout(resolve, options.coreDelayMs));
        return opened.core.handle(request);
      },
    },
  };
  const connector = options.connector ?? (await startFakeConnector());
  const http = createHttpApp(async () => ({ ok: true }));
  const door = await startTeamsDoor({ app, http }, options.door);
  const { server, port }: { server: Server; port: number } = await listen(http, 0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${port}/api/messages`;

  return {
    endpoint,
    app,
    door,
    connector,
    asked,
    send: (activity, authorization) =>
      fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity),
      }),
    close: async () => {
      await close(server);
      await door.stop();
      if (!options.connector) await connector.close();
      await opened.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;
/** A Teams message id: a millisecond timestamp, unique within its conversation. */
export const messageId = (): string => String(1764406800000 + ++sequence);

function base(serviceUrl: string, conversation: Partial<Activity['conversation']>): Partial<Activity> {
  return {
    type: 'message',
    id: messageId(),
    timestamp: new Date(NOW),
    channelId: 'msteams',
    serviceUrl,
    from: USER,
    recipient: BOT,
    conversation: { isGroup: false, tenantId: TENANT, ...conversation } as Activity['conversation'],
    locale: 'en-GB',
    textFormat: 'plain',
    entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'CH', platform: 'Web', timezone: 'Europe/Zurich' }],
  };
}

/** A message in a one-to-one chat with the bot, shaped as Teams sends it. */
export function personalMessage(serviceUrl: string, text: string, conversationId = PERSONAL): Partial<Activity> {
  return { ...base(serviceUrl, { id: conversationId, conversationType: 'personal' }), text, channelData: { tenant: { id: TENANT } } };
}

const mention = { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT };

/** A channel message that @mentions the bot (Teams delivers no other channel messages to a bot). */
export function channelMessage(serviceUrl: string, text: string, options: { mention?: boolean } = {}): Partial<Activity> {
  const withMention = options.mention ?? true;
  const activity = base(serviceUrl, { id: CHANNEL, conversationType: 'channel', isGroup: true });
  return {
    ...activity,
    text: withMention ? `<at>${BOT.name}</at> ${text}` : text,
    entities: [...(activity.entities ?? []), ...(withMention ? [mention] : [])],
    channelData: {
      teamsChannelId: '19:f0a1b2c3d4e5@thread.tacv2',
      teamsTeamId: '19:team0a1b2c3@thread.tacv2',
      channel: { id: '19:f0a1b2c3d4e5@thread.tacv2', name: 'CMW follow-up' },
      team: { id: '19:team0a1b2c3@thread.tacv2', name: 'Treaty Bodies' },
      tenant: { id: TENANT },
    },
  };
}

export function groupMessage(serviceUrl: string, text: string): Partial<Activity> {
  const activity = base(serviceUrl, { id: GROUP, conversationType: 'groupChat', isGroup: true, name: 'CMW secretariat' });
  return { ...activity, text: `<at>${BOT.name}</at> ${text}`, entities: [...(activity.entities ?? []), mention], channelData: { tenant: { id: TENANT } } };
}

/** What Teams sends when a card's Action.Submit button is pressed: a message with the button's data as value and no text. */
export function cardSubmit(serviceUrl: string, value: unknown, conversationId = PERSONAL, replyToId = '1:posted-card'): Partial<Activity> {
  const { text: _none, ...activity } = personalMessage(serviceUrl, '', conversationId);
  return { ...activity, value, replyToId, channelData: { tenant: { id: TENANT }, source: { name: 'message' }, legacy: { replyToId } } };
}

/** The bot was added to a chat or team. */
export function installed(serviceUrl: string, conversationId = PERSONAL): Partial<Activity> {
  const { text: _none, ...activity } = personalMessage(serviceUrl, '', conversationId);
  return { ...activity, type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] as Activity['membersAdded'], channelData: { tenant: { id: TENANT }, eventType: 'teamMemberAdded' } };
}

/** The Adaptive Cards of the posts, as JSON text (what a person would read is in there). */
export function cardsOf(posts: readonly { activity: Partial<Activity> }[]): Record<string, unknown>[] {
  return posts.flatMap((p) => (p.activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content as Record<string, unknown>));
}

/** Every text a person sees on a card: TextBlocks, TextRuns, facts, button titles. */
export function visibleText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string') out.push(n.text);
    if (typeof n.title === 'string' && typeof n.value === 'string') out.push(`${n.title}: ${n.value}`);
    if (typeof n.type === 'string' && n.type.startsWith('Action.') && typeof n.title === 'string') out.push(`[${n.title}]`);
    for (const [key, value] of Object.entries(n)) if (key !== 'data' && key !== 'fallbackText') walk(value);
  };
  walk(card);
  return out.join('\n');
}

/** What Teams sends when an Action.Execute button of a card in message `cardMessageId` is pressed, or the card is refreshed. */
export function executed(serviceUrl: string, data: unknown, options: { cardMessageId: string; conversationId?: typeof PERSONAL | typeof CHANNEL; verb?: string; from?: typeof USER; trigger?: 'manual' | 'automatic' }): Partial<Activity> {
  const { text: _text, entities: _mentions, ...activity } = options.conversationId === CHANNEL ? channelMessage(serviceUrl, '') : personalMessage(serviceUrl, '');
  return {
    ...activity,
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: options.from ?? USER,
    replyToId: options.cardMessageId,
    value: { action: { type: 'Action.Execute', id: '', verb: options.verb ?? 'command', data }, trigger: options.trigger ?? 'manual' },
  };
}

/** A search typed in the message extension (composeExtension/query); `initialRun` when the box has just opened. */
export function extensionSearch(serviceUrl: string, text: string | null, queryOptions = { skip: 0, count: 10 }): Partial<Activity> {
  const { text: _none, ...activity } = groupMessage(serviceUrl, '');
  const parameters = text === null ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'query', value: text }];
  return { ...activity, type: 'invoke', name: 'composeExtension/query', value: { commandId: 'search', parameters, queryOptions } };
}

/** A link pasted in a message box (composeExtension/queryLink). */
export function pastedLink(serviceUrl: string, url: string): Partial<Activity> {
  const { text: _none, ...activity } = groupMessage(serviceUrl, '');
  return { ...activity, type: 'invoke', name: 'composeExtension/queryLink', value: { url } };
}

/** The Action.Execute buttons of a card, by title, with the data each sends. */
export function buttonsOf(card: unknown): Map<string, { verb: string; data: unknown }> {
  const found = new Map<string, { verb: string; data: unknown }>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Execute' && typeof n.title === 'string') found.set(n.title, { verb: String(n.verb), data: n.data });
    for (const value of Object.values(n)) walk(value);
  };
  walk((card as { body?: unknown }).body ?? card);
  return found;
}

import type { Activity, TeamsChannelData } from 'botbuilder';
import { z } from 'zod';
import type { Request } from '../../src/core/request.js';
import { View } from '../../src/core/reply.js';
import { teamsTraits } from './traits.js';

/** What the bot reads from an incoming Teams activity: the question, who asks, where. */

const CardValue = z.object({ rapporteur: z.object({ kind: z.literal('command'), command: z.string().min(1) }) });

/** The command a pressed button of a card posted before Action.Execute asks for (Action.Submit sends its data as a message's `value`). */
export function cardCommand(activity: Partial<Activity>): string | null {
  const parsed = CardValue.safeParse(activity.value);
  return parsed.success ? parsed.data.rapporteur.command : null;
}

/** The invokes the door answers, by `activity.name`. */
export const INVOKE = { action: 'adaptiveCard/action', query: 'composeExtension/query', queryLink: 'composeExtension/queryLink' } as const;

const Executed = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string(),
    data: z.object({
      rapporteur: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('command'), command: z.string().min(1), view: View.optional() }),
        z.object({ kind: z.literal('refresh'), view: View }),
      ]),
    }),
  }),
  trigger: z.enum(['manual', 'automatic']).optional(),
});

/** What an Action.Execute asks (adaptiveCard/action): run a command from a card, or redraw a card; null for anything else. */
export type Execution = { kind: 'command'; command: string; view?: View } | { kind: 'refresh'; view: View };
export function execution(activity: Partial<Activity>): Execution | null {
  const parsed = Executed.safeParse(activity.value);
  return parsed.success ? parsed.data.action.data.rapporteur : null;
}

const Query = z.object({
  commandId: z.string().optional(),
  parameters: z.array(z.object({ name: z.string(), value: z.unknown() })).default([]),
  queryOptions: z.object({ skip: z.number().int().min(0).optional(), count: z.number().int().min(1).optional() }).optional(),
});

/** A message-extension search (composeExtension/query): the words typed ('' when the box opens), and the page asked for. */
export function extensionQuery(activity: Partial<Activity>): { text: string; skip: number; count: number } | null {
  const parsed = Query.safeParse(activity.value);
  if (!parsed.success) return null;
  const typed = parsed.data.parameters.find((p) => p.name !== 'initialRun' && typeof p.value === 'string');
  return { text: typed ? String(typed.value) : '', skip: parsed.data.queryOptions?.skip ?? 0, count: parsed.data.queryOptions?.count ?? 10 };
}

/** The link pasted in the message box (composeExtension/queryLink). */
export function pastedLink(activity: Partial<Activity>): string | null {
  const parsed = z.object({ url: z.string().min(1) }).safeParse(activity.value);
  return parsed.success ? parsed.data.url : null;
}

function botMentions(activity: Partial<Activity>): string[] {
  const botId = activity.recipient?.id;
  return (activity.entities ?? [])
    .filter((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId)
    .map((e) => String((e as { text?: string }).text ?? ''))
    .filter(Boolean);
}

export const mentionsBot = (activity: Partial<Activity>): boolean => botMentions(activity).length > 0;

/** Personal chats are one to one with the bot; in channels and group chats it answers when mentioned. */
export const isPersonal = (activity: Partial<Activity>): boolean => (activity.conversation?.conversationType ?? 'personal') === 'personal';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text with the bot's @mention taken out and other people's mentions left as their names:
 * "<at>Rapporteur</at> what did <at>Mr. Charef</at> ask?" → "what did Mr. Charef ask?".
 * Teams sends formatted messages as HTML: tags go, entities are read.
 */
export function messageText(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  for (const mention of botMentions(activity)) text = text.split(mention).join(' ');
  return text
    .replace(/<at>(.*?)<\/at>/g, '$1')
    .replace(/<\/?(?:p|div|span|br|b|i|strong|em|u)\b[^>]*>/gi, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp);|&#(\d+);/g, (_, name: string | undefined, code: string | undefined) => (name ? ENTITIES[name]! : String.fromCodePoint(Number(code))))
    .replace(/\s+/g, ' ')
    .trim();
}

export function requestFor(activity: Partial<Activity>, text: string): Request {
  const from = activity.from;
  return {
    platform: 'teams',
    userId: from?.aadObjectId ?? from?.id ?? 'unknown',
    ...(from?.name ? { userName: from.name } : {}),
    channelId: activity.conversation?.id ?? '',
    direct: isPersonal(activity),
    text,
    capabilities: teamsTraits.capabilities,
  };
}

/** A name for the conversation, for people reading the store: "Team › Channel", a group chat's title. */
export function conversationName(activity: Partial<Activity>): string | null {
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  if (data.team?.name) return data.channel?.name ? `${data.team.name} › ${data.channel.name}` : data.team.name;
  if (activity.conversation?.name) return activity.conversation.name;
  if (isPersonal(activity) && activity.from?.name) return `personal chat with ${activity.from.name}`;
  return null;
}

/**
 * Teams message ids are millisecond timestamps, unique within a conversation only: the key
 * that says "this activity was seen" includes the conversation.
 */
export const deliveryKey = (activity: Partial<Activity>): string | null => (activity.id ? `${activity.conversation?.id ?? ''}|${activity.id}` : null);

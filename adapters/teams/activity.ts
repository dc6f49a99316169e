import type { Activity, TeamsChannelData } from 'botbuilder';
import { z } from 'zod';
import type { Request } from '../../src/core/request.js';
import { teamsTraits } from './traits.js';

/** What the bot reads from an incoming Teams activity: the question, who asks, where. */

const CardValue = z.object({ rapporteur: z.object({ kind: z.literal('command'), command: z.string().min(1) }) });

/** The command a pressed card button asks for (Action.Submit sends its data as `value`). */
export function cardCommand(activity: Partial<Activity>): string | null {
  const parsed = CardValue.safeParse(activity.value);
  return parsed.success ? parsed.data.rapporteur.command : null;
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

import type { Activity, Attachment } from 'botbuilder';
import { citeText, type Action, type Block, type Reply, type View } from '../../src/core/reply.js';

/**
 * A Reply as Teams messages, each one Adaptive Card (schema 1.5). Teams refuses a message over
 * about 28 KB, so a long reply is cut into several messages, each measured whole as it will be
 * posted, at most MAX_MESSAGES of them.
 */

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams' limit is about 28 KB for the whole message; keep a margin for what the connector adds. */
export const MESSAGE_BUDGET_BYTES = 24_000;
export const MAX_MESSAGES = 5;
/** Longer texts are cut at a sentence or word, so that every piece fits in a message with its fallback. */
const MAX_PIECE_CHARS = 3000;

/**
 * What a card button sends back (Action.Execute `data`, in an adaptiveCard/action invoke): the
 * command to run, and the view of the card it is on, so that the card can be redrawn in place.
 */
export interface CardAction {
  rapporteur: { kind: 'command'; command: string; view?: View };
}

/** What Teams sends when it refreshes a card (its `refresh` action's data). */
export interface CardRefresh {
  rapporteur: { kind: 'refresh'; view: View };
}

export const VERB_COMMAND = 'command';
export const VERB_REFRESH = 'refresh';

type Element = Record<string, unknown>;

/** One indivisible piece of a card and its plain text. */
interface Unit {
  elements: Element[];
  plain: string;
}

const textBlock = (text: string, extra: Element = {}): Element => ({ type: 'TextBlock', text, wrap: true, ...extra });

/** Cuts a long text at the last paragraph break, sentence end or space before the limit. */
export function pieces(text: string, max = MAX_PIECE_CHARS): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = [window.lastIndexOf('\n\n'), window.lastIndexOf('. '), window.lastIndexOf(' ')].find((i) => i > max / 2) ?? max;
    out.push(rest.slice(0, cut + 1).trimEnd());
    rest = rest.slice(cut + 1).trimStart();
  }
  out.push(rest);
  return out;
}

/**
 * 'share' buttons are left out: Teams has no private answers. In a channel or group chat the
 * answer is already in the conversation for everyone; in a personal chat there is no channel to
 * share into, and Teams' own Forward does it.
 */
function execute(action: Action, view: View | undefined): Element | null {
  if (action.kind !== 'command' || !action.command) return null;
  const data: CardAction = { rapporteur: { kind: 'command', command: action.command, ...(view ? { view } : {}) } };
  return {
    type: 'Action.Execute',
    title: action.label,
    verb: VERB_COMMAND,
    data,
    ...(action.style === 'primary' ? { style: 'positive' } : action.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

function units(block: Block, view: View | undefined): Unit[] {
  switch (block.type) {
    case 'heading':
      return [{ elements: [textBlock(block.text, { style: 'heading', size: 'Large', weight: 'Bolder' })], plain: block.text }];
    case 'text':
      return pieces(block.text).map((p) => ({ elements: [textBlock(p)], plain: p }));
    case 'context':
      return pieces(block.text).map((p) => ({ elements: [textBlock(p, { isSubtle: true, size: 'Small' })], plain: p }));
    case 'fields':
      // One FactSet per field, so that a long list of fields can be cut between two messages.
      return block.fields.map((f) => ({
        elements: [{ type: 'FactSet', facts: [{ title: f.label, value: f.value }], spacing: 'None' }],
        plain: `${f.label}: ${f.value}`,
      }));
    case 'quote': {
      const cite = `— ${citeText(block.cite)}`;
      const parts = pieces(block.text);
      return parts.map((p, i) => ({
        elements: [
          {
            type: 'Container',
            style: 'emphasis',
            items: [textBlock(p), ...(i === parts.length - 1 ? [textBlock(cite, { isSubtle: true, size: 'Small', spacing: 'Small' })] : [])],
          },
        ],
        plain: i === parts.length - 1 ? `“${p}” (${citeText(block.cite)})` : `“${p}`,
      }));
    }
    case 'list': {
      const title: Unit[] = block.title ? [{ elements: [textBlock(block.title, { weight: 'Bolder' })], plain: block.title }] : [];
      const items = block.items.flatMap((item) =>
        pieces(item.text).map((p, i, all) => {
          const cite = item.cite && i === all.length - 1 ? ` (${citeText(item.cite)})` : '';
          const inlines: Element[] = [{ type: 'TextRun', text: `${i === 0 ? '• ' : ''}${p}` }];
          if (cite) inlines.push({ type: 'TextRun', text: cite, isSubtle: true });
          return { elements: [{ type: 'RichTextBlock', inlines, spacing: 'Small' }], plain: `${i === 0 ? '• ' : ''}${p}${cite}` };
        }),
      );
      return [...title, ...items];
    }
    case 'actions': {
      const actions = block.actions.map((a) => execute(a, view)).filter((a): a is Element => a !== null);
      return actions.length ? [{ elements: [{ type: 'ActionSet', actions }], plain: '' }] : [];
    }
    case 'divider':
      return [];
  }
}

/**
 * A card with a view refreshes whenever someone looks at it: Teams calls the bot with its
 * `refresh` action, for every member of a chat or channel of up to 60 when `userIds` is left out.
 */
function refreshOf(view: View): Element {
  const data: CardRefresh = { rapporteur: { kind: 'refresh', view } };
  return { action: { type: 'Action.Execute', title: 'Refresh', verb: VERB_REFRESH, data } };
}

function card(elements: Element[], fallbackText: string, view: View | undefined): Element {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText,
    ...(view ? { refresh: refreshOf(view) } : {}),
    msteams: { width: 'Full' },
    body: elements,
  };
}

function message(elements: Element[], plain: string, summary: string, view?: View): Partial<Activity> {
  const attachment: Attachment = { contentType: CARD_CONTENT_TYPE, content: card(elements, plain, view) };
  return { type: 'message', summary, attachments: [attachment] };
}

export const messageBytes = (activity: Partial<Activity>): number => Buffer.byteLength(JSON.stringify(activity), 'utf8');

/** The reply as Teams message activities, one Adaptive Card each, in the order to post them. */
export function renderReply(reply: Reply): Partial<Activity>[] {
  const heading = reply.blocks.find((b) => b.type === 'heading')?.text;
  const summary = (heading ?? reply.fallback).slice(0, 200);

  // A divider becomes a separator line above whatever follows it.
  const all: Unit[] = [];
  let separate = false;
  for (const block of reply.blocks) {
    if (block.type === 'divider') {
      separate = all.length > 0;
      continue;
    }
    const next = units(block, reply.view);
    if (separate && next[0]) next[0] = { ...next[0], elements: [{ ...next[0].elements[0], separator: true, spacing: 'Medium' }, ...next[0].elements.slice(1)] };
    if (next.length) separate = false;
    all.push(...next);
  }

  // Most replies fit in one message: measure once and be done.
  const whole = message(all.flatMap((u) => u.elements), reply.fallback, summary, reply.view);
  if (messageBytes(whole) <= MESSAGE_BUDGET_BYTES) return [whole];

  const pages: Unit[][] = [[]];
  for (const unit of all) {
    const page = pages[pages.length - 1]!;
    const candidate = [...page, unit];
    if (page.length > 0 && messageBytes(message(candidate.flatMap((u) => u.elements), join(candidate), summary)) > MESSAGE_BUDGET_BYTES) pages.push([unit]);
    else page.push(unit);
  }

  const shown = pages.slice(0, MAX_MESSAGES);
  return shown.map((page, i) => {
    const elements = page.flatMap((u) => u.elements);
    if (i > 0 && heading) elements.unshift(textBlock(`${heading} (continued, ${i + 1} of ${shown.length})`, { isSubtle: true, size: 'Small' }));
    if (i === shown.length - 1 && pages.length > shown.length) {
      elements.push(textBlock(`The answer is longer than Teams shows in ${MAX_MESSAGES} messages; the rest is left out. Ask a narrower question to see it.`, { isSubtle: true, size: 'Small', separator: true }));
    }
    return message(elements, join(page), summary);
  });
}

/**
 * The reply as one card, for the places that take exactly one (an invoke's answer, an edited
 * message, a message-extension result): the first message's, the rest left out.
 */
export function cardOf(reply: Reply): Attachment {
  return renderReply(reply)[0]!.attachments![0]!;
}

const join = (units: readonly Unit[]): string => units.map((u) => u.plain).filter(Boolean).join('\n\n');

import type { types } from '@slack/bolt';
import { citeText, plainText, type Action, type Block, type ListItem, type Reply } from '../../src/core/reply.js';
import { chunkMrkdwn, escapeMrkdwn } from './mrkdwn.js';
import { ACTION_PREFIX } from './surface.js';

/**
 * A Reply as Slack messages (Block Kit). Pure: one Reply may need several messages, because
 * Slack rejects a message over its limits instead of cutting it.
 */

export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextElements: 10,
  actionsPerBlock: 25,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  /** Slack refuses a message whose blocks carry about 12,000 characters in all (msg_blocks_too_long, undocumented). */
  messageChars: 10_000,
  /** The top-level `text`: what notifications show; Slack advises at most 4,000. */
  fallbackChars: 4000,
} as const;

export type SlackBlock = types.KnownBlock;

export interface SlackMessage {
  blocks: SlackBlock[];
  /** The plain fallback: notifications, and clients that show no blocks. */
  text: string;
}

export interface RenderOptions {
  /**
   * For a private answer: the question to ask again when "Share in channel" is pressed (the
   * button is added if the answer has none). Without it, no share button (the answer is public).
   */
  share?: string;
  /** The Slack user who shared the answer into the channel, named at its top. */
  sharedBy?: string;
}

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

function sections(escaped: string, prefix = ''): types.SectionBlock[] {
  return chunkMrkdwn(escaped, LIMITS.sectionText, prefix).map((text) => ({ type: 'section', text: mrkdwn(text) }));
}

function contexts(escaped: string): types.ContextBlock[] {
  const pieces = chunkMrkdwn(escaped, LIMITS.sectionText);
  const blocks: types.ContextBlock[] = [];
  for (let i = 0; i < pieces.length; i += LIMITS.contextElements) {
    blocks.push({ type: 'context', elements: pieces.slice(i, i + LIMITS.contextElements).map(mrkdwn) });
  }
  return blocks;
}

function heading(text: string): SlackBlock[] {
  if (text.length <= LIMITS.headerText) return [{ type: 'header', text: { type: 'plain_text', text, emoji: false } }];
  const escaped = escapeMrkdwn(text);
  return sections(escaped.length + 2 <= LIMITS.sectionText ? `*${escaped}*` : escaped);
}

function fields(list: ReadonlyArray<{ label: string; value: string }>): SlackBlock[] {
  const out: SlackBlock[] = [];
  let group: types.MrkdwnElement[] = [];
  const flush = () => {
    if (group.length) out.push({ type: 'section', fields: group });
    group = [];
  };
  for (const f of list) {
    const text = `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`;
    if (text.length > LIMITS.fieldText) {
      flush();
      out.push(...sections(text));
      continue;
    }
    group.push(mrkdwn(text));
    if (group.length === LIMITS.fieldsPerSection) flush();
  }
  flush();
  return out;
}

function list(title: string | undefined, items: readonly ListItem[]): SlackBlock[] {
  const lines = items.map((i) => `• ${escapeMrkdwn(i.text)}${i.cite ? ` (${escapeMrkdwn(citeText(i.cite))})` : ''}`);
  return sections([...(title ? [`*${escapeMrkdwn(title)}*`] : []), ...lines].join('\n'));
}

function clipLabel(label: string): string {
  return label.length <= LIMITS.buttonText ? label : `${label.slice(0, LIMITS.buttonText - 1)}…`;
}

function actions(list: readonly Action[], options: RenderOptions): SlackBlock[] {
  const taken = new Set<string>();
  const buttons: types.Button[] = [];
  for (const action of list) {
    const value = action.kind === 'share' ? options.share : action.command;
    // A button whose command would be cut would run something else: leave it out.
    if (!value || value.length > LIMITS.buttonValue) continue;
    const base = `${ACTION_PREFIX[action.kind]}${action.id}`.slice(0, LIMITS.actionId - 4);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}.${n}`;
    taken.add(id);
    buttons.push({
      type: 'button',
      action_id: id,
      text: { type: 'plain_text', text: clipLabel(action.label), emoji: false },
      value,
      ...(action.style ? { style: action.style } : {}),
    });
  }
  const out: SlackBlock[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsPerBlock) out.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsPerBlock) });
  return out;
}

function renderBlock(block: Block, options: RenderOptions = {}): SlackBlock[] {
  switch (block.type) {
    case 'heading':
      return block.text.trim() ? heading(block.text.trim()) : [];
    case 'text':
      return sections(escapeMrkdwn(block.text));
    case 'fields':
      return fields(block.fields);
    case 'quote':
      return [...sections(escapeMrkdwn(block.text), '> '), ...contexts(escapeMrkdwn(citeText(block.cite)))];
    case 'list':
      return list(block.title, block.items);
    case 'actions':
      return actions(block.actions, options);
    case 'context':
      return contexts(escapeMrkdwn(block.text));
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/** The characters of text a block carries, as Slack counts them against a message. */
function textLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + textLength(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  let sum = 0;
  for (const [key, v] of Object.entries(value)) sum += key === 'text' && typeof v === 'string' ? v.length : textLength(v);
  return sum;
}

interface Placed {
  block: SlackBlock;
  /** Index of the Reply block it came from, for each message's fallback. */
  source: number;
}

function pack(placed: readonly Placed[], maxBlocks: number, maxChars: number): Placed[][] {
  const parts: Placed[][] = [];
  let current: Placed[] = [];
  let chars = 0;
  for (const p of placed) {
    const size = textLength(p.block);
    if (current.length && (current.length + 1 > maxBlocks || chars + size > maxChars)) {
      parts.push(current);
      current = [];
      chars = 0;
    }
    current.push(p);
    chars += size;
  }
  if (current.length) parts.push(current);
  return parts;
}

/** Escaped plain text clipped for Slack's `text` field, never inside an entity. */
function fallbackText(plain: string): string {
  const pieces = chunkMrkdwn(escapeMrkdwn(plain || 'Rapporteur'), LIMITS.fallbackChars - 1);
  return pieces.length > 1 ? `${pieces[0]}…` : (pieces[0] ?? 'Rapporteur');
}

const SHARE: Action = { id: 'share', label: 'Share in channel', kind: 'share' };

/** A private answer can always be shared: add the button where the core did not place one. */
function offeringShare(reply: Reply, options: RenderOptions): Block[] {
  const hasShare = reply.blocks.some((b) => b.type === 'actions' && b.actions.some((a) => a.kind === 'share'));
  if (!options.share || reply.kind !== 'answer' || hasShare) return reply.blocks;
  const last = reply.blocks.at(-1);
  if (last?.type === 'actions') return [...reply.blocks.slice(0, -1), { ...last, actions: [...last.actions, SHARE] }];
  return [...reply.blocks, { type: 'actions', actions: [SHARE] }];
}

/** One Slack message per element, each within Slack's limits, in order. */
export function renderMessages(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const placed: Placed[] = offeringShare(reply, options).flatMap((block, source) => renderBlock(block, options).map((b) => ({ block: b, source })));
  if (options.sharedBy && /^[UW][A-Z0-9]+$/.test(options.sharedBy)) {
    placed.unshift({ block: { type: 'context', elements: [mrkdwn(`Shared by <@${options.sharedBy}>`)] }, source: -1 });
  }
  let parts = pack(placed, LIMITS.messageBlocks, LIMITS.messageChars);
  if (parts.length <= 1) return [{ blocks: placed.map((p) => p.block), text: fallbackText(reply.fallback) }];
  // Several messages: leave room in each for a "Part 1 of 3" line.
  parts = pack(placed, LIMITS.messageBlocks - 1, LIMITS.messageChars - 40);
  return parts.map((part, i) => {
    const sources = new Set(part.map((p) => p.source));
    const marker: SlackBlock = { type: 'context', elements: [mrkdwn(`Part ${i + 1} of ${parts.length}`)] };
    return {
      blocks: [...part.map((p) => p.block), marker],
      text: fallbackText(plainText(reply.blocks.filter((_, index) => sources.has(index)))),
    };
  });
}

/** A Reply as the App Home tab: one view of at most 100 blocks. */
export function renderHome(reply: Reply): types.HomeView {
  const blocks = reply.blocks.flatMap((block) => renderBlock(block));
  if (blocks.length <= LIMITS.homeBlocks) return { type: 'home', blocks };
  // Keep the buttons: cut the overview, not the way to the rest of it.
  const buttons = blocks.filter((b) => b.type === 'actions');
  const more = contexts(escapeMrkdwn('There is more than the App Home can show: ask me “deadlines” in a message for the whole list.'));
  const room = LIMITS.homeBlocks - buttons.length - more.length;
  return { type: 'home', blocks: [...blocks.filter((b) => b.type !== 'actions').slice(0, room), ...more, ...buttons] };
}

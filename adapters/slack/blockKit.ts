import type { types } from '@slack/bolt';
import { citeText, plainText, type Action, type Block, type ListItem, type Reply } from '../../src/core/reply.js';
import { chunkMrkdwn, escapeMrkdwn } from './mrkdwn.js';
import { ACTION_PREFIX, REMIND_FORM_ACTION } from './surface.js';

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
  /** A table block: at most one per message (only_one_table_allowed), 100 rows, 20 cells a row. */
  tableRows: 100,
  tableColumns: 20,
  /** Ours, for a cell: a longer one reads better as a list. */
  tableCellText: 500,
  /** Ours, for an unfurl under someone else's message: a few lines, not an answer. */
  unfurlBlocks: 8,
  unfurlChars: 2000,
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
  /** The conversation the message goes to: an answer asking for a date gets a "Pick a date" button that opens the reminder modal. */
  remindIn?: string;
  /** Lists as a table block where Slack can draw one (not in the App Home or unfurls). */
  tables?: boolean;
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

type ListBlock = Extract<Block, { type: 'list' }>;

/**
 * The lists of a reply that become one table block: those with a table, all under the same
 * columns (a deadline list's "Overdue" and "Coming up" read as one table, their standing in a
 * column), when together they fit Slack's limits. Otherwise none: the lists stay lists.
 */
function tabled(blocks: readonly Block[]): Set<ListBlock> {
  const lists = blocks.filter((b): b is ListBlock & { table: NonNullable<ListBlock['table']> } => b.type === 'list' && b.table !== undefined);
  const first = lists[0];
  if (!first) return new Set();
  const same = lists.filter((l) => l.table.columns.join('\u0000') === first.table.columns.join('\u0000'));
  const rows = same.flatMap((l) => l.table.rows);
  const fits =
    same.length === lists.length &&
    first.table.columns.length <= LIMITS.tableColumns &&
    rows.length + 1 <= LIMITS.tableRows &&
    rows.every((r) => r.length === first.table.columns.length && r.every((cell) => cell.length <= LIMITS.tableCellText));
  return fits ? new Set(same) : new Set();
}

function tableBlock(lists: readonly ListBlock[]): SlackBlock {
  const columns = lists[0]!.table!.columns;
  const cell = (text: string) => ({ type: 'raw_text' as const, text: text || '–' });
  return {
    type: 'table',
    column_settings: columns.map((_, i) => ({ is_wrapped: i > 0 })),
    rows: [columns.map(cell), ...lists.flatMap((l) => l.table!.rows.map((r) => r.map(cell)))],
  } as SlackBlock;
}

/** "Pick a date" under "When?": what the modal needs to open, in the button's value. */
function remindFormButton(form: NonNullable<Reply['form']>, channel: string): SlackBlock {
  const value = JSON.stringify({ channel, who: form.who, zone: form.timeZone, day: form.day, about: form.about.slice(0, 300) });
  return { type: 'actions', elements: [{ type: 'button', action_id: REMIND_FORM_ACTION, text: { type: 'plain_text', text: 'Pick a date', emoji: false }, value, style: 'primary' }] };
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
  const blocks = offeringShare(reply, options);
  const tables = options.tables === false ? new Set<ListBlock>() : tabled(blocks);
  const placed: Placed[] = blocks.flatMap((block, source) => {
    if (block.type !== 'list' || !tables.has(block)) return renderBlock(block, options).map((b) => ({ block: b, source }));
    // The table takes the place of the first of its lists; the others are rows in it.
    return block === [...tables][0] ? [{ block: tableBlock([...tables]), source }] : [];
  });
  if (reply.form && options.remindIn) placed.push({ block: remindFormButton(reply.form, options.remindIn), source: -1 });
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

/**
 * A Reply as an unfurl under a pasted link (chat.unfurl): a few blocks, no header (Slack draws
 * unfurls as attachments), no table, within the sizes Slack takes.
 */
export function renderUnfurl(reply: Reply): SlackBlock[] {
  const blocks = reply.blocks.flatMap((block) => (block.type === 'heading' ? sections(`*${escapeMrkdwn(block.text.trim())}*`.slice(0, LIMITS.sectionText)) : renderBlock(block)));
  const out: SlackBlock[] = [];
  let chars = 0;
  for (const block of blocks) {
    const size = textLength(block);
    if (out.length === LIMITS.unfurlBlocks || chars + size > LIMITS.unfurlChars) break;
    out.push(block);
    chars += size;
  }
  return out;
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

import { z } from 'zod';
import { ERROR_CODES, ErrorCode } from '../errors.js';

/**
 * The neutral answer every door renders its own way (Block Kit, Adaptive Card, terminal
 * text): a small tree of blocks plus a plain fallback text. It knows nothing of any platform.
 */

export const Citation = z.object({
  /** What a user can quote: the symbol, or a label for a document that has none. */
  source: z.string(),
  /** "para. 16", "paras. 9–11", "para. 36 (b)–(e)"; null for the document as a whole. */
  where: z.string().nullable(),
  /** The store's key of the document, for a "Show source" action. */
  documentKey: z.string(),
});
export type Citation = z.infer<typeof Citation>;

export const Action = z.object({
  /** Stable id a platform sends back when the button is pressed. */
  id: z.string(),
  label: z.string(),
  /** What pressing it does: run a command as the person who pressed it, or share the answer in the channel. */
  kind: z.enum(['command', 'share']),
  command: z.string().optional(),
  style: z.enum(['primary', 'danger']).optional(),
});
export type Action = z.infer<typeof Action>;

export const ListItem = z.object({ text: z.string(), cite: Citation.optional() });
export type ListItem = z.infer<typeof ListItem>;

export const Block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: z.string() }),
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('fields'), fields: z.array(z.object({ label: z.string(), value: z.string() })) }),
  z.object({ type: z.literal('quote'), text: z.string(), cite: Citation }),
  z.object({
    type: z.literal('list'),
    title: z.string().optional(),
    items: z.array(ListItem),
    /** The same items as rows under named columns, for a door that draws tables; the items stay what every door can show. */
    table: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) }).optional(),
  }),
  z.object({ type: z.literal('actions'), actions: z.array(Action) }),
  z.object({ type: z.literal('context'), text: z.string() }),
  z.object({ type: z.literal('divider') }),
]);
export type Block = z.infer<typeof Block>;

/**
 * What a reply shows, when it can be shown again with the state of the moment: a door that can
 * edit a posted message (updateMessage) redraws it after a button changed that state, or when
 * someone looks at it again.
 */
export const View = z.object({ kind: z.literal('deadline-reminder'), deadline: z.number().int().positive() });
export type View = z.infer<typeof View>;

export const Reply = z.object({
  kind: z.enum(['answer', 'help', 'not-found', 'refusal', 'error']),
  blocks: z.array(Block),
  /** The whole answer as plain text, for notifications and platforms that show no blocks. */
  fallback: z.string(),
  /** For errors and refusals: a code the user can quote. */
  code: z.enum(ERROR_CODES).optional(),
  /** What answering changed beyond the answer itself, for the door to show: a person's overview (Slack's App Home). */
  effects: z.array(z.enum(['home-changed'])).optional(),
  view: View.optional(),
  /**
   * The answer asks for something a form asks better: a reminder with no time given. A door
   * with forms (Slack's modals) may show one, in the conversation's time zone; others show the text.
   */
  form: z.object({ kind: z.literal('remind'), who: z.enum(['me', 'us']), about: z.string(), timeZone: z.string(), /** The day it offers first: tomorrow there. */ day: z.string() }).optional(),
});
export type Reply = z.infer<typeof Reply>;

export function citeText(cite: Citation): string {
  return cite.where ? `${cite.source}, ${cite.where}` : cite.source;
}

/** The reply as plain text: the fallback of every platform and the console's output. */
export function plainText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'heading':
        out.push(b.text);
        break;
      case 'text':
      case 'context':
        out.push(b.text);
        break;
      case 'fields':
        out.push(b.fields.map((f) => `${f.label}: ${f.value}`).join('\n'));
        break;
      case 'quote':
        out.push(`“${b.text}” (${citeText(b.cite)})`);
        break;
      case 'list':
        out.push([...(b.title ? [b.title] : []), ...b.items.map((i) => `• ${i.text}${i.cite ? ` (${citeText(i.cite)})` : ''}`)].join('\n'));
        break;
      case 'actions':
      case 'divider':
        break;
    }
  }
  return out.filter(Boolean).join('\n\n');
}

export function reply(kind: Reply['kind'], blocks: Block[], code?: ErrorCode): Reply {
  return { kind, blocks, fallback: plainText(blocks), ...(code ? { code } : {}) };
}

/** The one answer to a failure nobody foresaw: no trace, a reference to find it in the log. */
export function internalError(reference: string, nothingChanged: boolean): Reply {
  return reply(
    'error',
    [
      { type: 'text', text: `Something went wrong while answering.${nothingChanged ? ' Nothing was changed.' : ''} Please try again; if it keeps happening, give an admin the reference ${reference}.` },
      { type: 'context', text: `Error code ${ErrorCode.Internal}.` },
    ],
    ErrorCode.Internal,
  );
}

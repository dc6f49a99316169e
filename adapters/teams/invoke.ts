import type { Attachment, InvokeResponse, MessagingExtensionAttachment, MessagingExtensionResponse } from 'botbuilder';
import type { Reply } from '../../src/core/reply.js';
import { CARD_CONTENT_TYPE, cardOf } from './adaptiveCard.js';

/** The answers to Teams' invokes, in the shapes Teams reads. */

/** An Action.Execute's answer: the card that replaces the one pressed, or a line Teams shows under it. */
type ExecuteAnswer = { statusCode: 200; type: typeof CARD_CONTENT_TYPE; value: unknown } | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string } | { statusCode: 400; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

export const cardAnswer = (card: Attachment): InvokeResponse<ExecuteAnswer> => ({ status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card.content } });

export const messageAnswer = (text: string): InvokeResponse<ExecuteAnswer> => ({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } });

export const badRequest = (message: string): InvokeResponse<ExecuteAnswer> => ({ status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } } });

/** How a preview reads as one line of the extension's list: its heading, and its texts after it. */
export function listLine(reply: Reply): { title: string; text: string } {
  const heading = reply.blocks.find((b) => b.type === 'heading');
  const texts = reply.blocks.flatMap((b) => (b.type === 'text' || b.type === 'context' ? [b.text] : []));
  return { title: heading?.text ?? texts.shift() ?? reply.fallback, text: texts.join(' · ') };
}

/** A result in the message extension's list: the card to insert, and the line shown for it in the list. */
function result(preview: Reply): MessagingExtensionAttachment {
  return { ...cardOf(preview), preview: { contentType: 'application/vnd.microsoft.card.thumbnail', content: listLine(preview) } };
}

export const extensionResults = (previews: readonly Reply[]): InvokeResponse<MessagingExtensionResponse> => ({
  status: 200,
  body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: previews.map(result) } },
});

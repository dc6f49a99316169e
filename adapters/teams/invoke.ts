import type { Attachment, InvokeResponse, MessagingExtensionAttachment, MessagingExtensionResponse } from 'botbuilder';
import type { Preview } from '../../src/core/commands/unfurl.js';
import { CARD_CONTENT_TYPE, cardOf } from './adaptiveCard.js';

/** The answers to Teams' invokes, in the shapes Teams reads. */

/** An Action.Execute's answer: the card that replaces the one pressed, or a line Teams shows under it. */
type ExecuteAnswer = { statusCode: 200; type: typeof CARD_CONTENT_TYPE; value: unknown } | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string } | { statusCode: 400; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

export const cardAnswer = (card: Attachment): InvokeResponse<ExecuteAnswer> => ({ status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card.content } });

export const messageAnswer = (text: string): InvokeResponse<ExecuteAnswer> => ({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } });

export const badRequest = (message: string): InvokeResponse<ExecuteAnswer> => ({ status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } } });

/** A result in the message extension's list: the card to insert, and the line shown for it in the list. */
function result(preview: Preview): MessagingExtensionAttachment {
  return { ...cardOf(preview.reply), preview: { contentType: 'application/vnd.microsoft.card.thumbnail', content: { title: preview.title, text: preview.text } } };
}

export const extensionResults = (previews: readonly Preview[]): InvokeResponse<MessagingExtensionResponse> => ({
  status: 200,
  body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: previews.map(result) } },
});

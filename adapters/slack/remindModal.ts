import type { App, MessageShortcut, ViewSubmitAction, webApi, types } from '@slack/bolt';
import { z } from 'zod';
import type { Reply } from '../../src/core/reply.js';
import type { Request } from '../../src/core/request.js';
import { REMINDER_TIME } from '../../src/timing/slots.js';
import { answerOnce, installedFor, refreshHomeAfter, slackRequest, type SlackContext } from './context.js';
import { answerPrivately } from './deliver.js';
import { clipWords, plainFromSlack } from './mrkdwn.js';
import { REMIND_FORM_ACTION, REMIND_MODAL, REMIND_SHORTCUT } from './surface.js';

/**
 * "Remind me about this" (a message shortcut) and "remind me to ..." without a date: a modal
 * with a date and a time in the conversation's time zone. What it submits becomes the remind
 * command with that date, answered by the core like any other.
 */

/** What a reminder says of the message it was set from: enough to recognise it. */
const ABOUT_CHARS = 300;

const BLOCK = { date: 'when_date', time: 'when_time', about: 'about' } as const;

/** What the modal carries between opening and submission (private_metadata, at most 3,000 characters). */
const Carried = z.object({ channel: z.string(), who: z.enum(['me', 'us']), zone: z.string() });
/** The "Pick a date" button's value: what the modal opens with. */
const Offered = Carried.extend({ about: z.string(), day: z.string() });
type Carried = z.infer<typeof Carried>;

export function wantsRemindForm(answer: Reply): answer is Reply & { form: NonNullable<Reply['form']> } {
  return answer.form?.kind === 'remind';
}

function modal(carried: Carried, about: string, day: string): types.ModalView {
  const at = `${String(REMINDER_TIME.hour).padStart(2, '0')}:${String(REMINDER_TIME.minute).padStart(2, '0')}`;
  return {
    type: 'modal',
    callback_id: REMIND_MODAL,
    private_metadata: JSON.stringify(carried),
    title: { type: 'plain_text', text: 'Remind me' },
    submit: { type: 'plain_text', text: 'Set reminder' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'input', block_id: BLOCK.date, label: { type: 'plain_text', text: 'Day' }, element: { type: 'datepicker', action_id: 'value', initial_date: day } },
      { type: 'input', block_id: BLOCK.time, label: { type: 'plain_text', text: 'Time' }, element: { type: 'timepicker', action_id: 'value', initial_time: at, timezone: carried.zone } },
      {
        type: 'input',
        block_id: BLOCK.about,
        label: { type: 'plain_text', text: 'About' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 1000, ...(about ? { initial_value: about } : {}) },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Times are in ${carried.zone}, ${carried.who === 'me' ? 'this conversation’s time zone; the reminder comes to you in a direct message' : 'this conversation’s time zone; the reminder comes to this conversation'}.` }],
      },
    ],
  };
}

/** Opens the modal for an answer that asked for a date; false when Slack would not (the trigger had expired). */
export async function openRemindModal(ctx: SlackContext, client: webApi.WebClient, triggerId: string, request: Request, answer: Reply & { form: NonNullable<Reply['form']> }): Promise<boolean> {
  const carried: Carried = { channel: request.channelId, who: answer.form.who, zone: answer.form.timeZone };
  try {
    await client.views.open({ trigger_id: triggerId, view: modal(carried, answer.form.about.slice(0, ABOUT_CHARS), answer.form.day) });
    return true;
  } catch (error) {
    ctx.logger.warn({ err: error }, 'reminder modal not opened');
    return false;
  }
}

function value(view: ViewSubmitAction['view'], block: string): string | null {
  const entry = view.state.values[block]?.value as { selected_date?: string | null; selected_time?: string | null; value?: string | null } | undefined;
  return entry?.selected_date ?? entry?.selected_time ?? entry?.value ?? null;
}

export function registerRemindModal(app: App, ctx: SlackContext): void {
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: REMIND_SHORTCUT.callbackId }, async ({ ack, shortcut, client, context }) => {
    await ack();
    // The trigger is good for three seconds: open the modal now, not after the queue.
    const { workspace } = installedFor(ctx, context);
    const request = slackRequest({ userId: shortcut.user.id, channelId: shortcut.channel.id, workspace }, '');
    const form = await ctx.core.remindForm(request, clipWords(plainFromSlack(shortcut.message.text ?? ''), ABOUT_CHARS));
    await client.views
      .open({ trigger_id: shortcut.trigger_id, view: modal({ channel: shortcut.channel.id, who: 'me', zone: form.timeZone }, form.about, form.day) })
      .catch((error: unknown) => ctx.logger.warn({ err: error }, 'reminder modal not opened'));
  });

  // "Pick a date" under a "When?" answer, where there was no trigger to open the modal with (a mention, a direct message).
  app.action(REMIND_FORM_ACTION, async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const action = body.actions[0];
    const form = action && action.type === 'button' && action.value ? Offered.safeParse(JSON.parse(action.value)) : null;
    if (!form?.success) return;
    const { about, day, ...carried } = form.data;
    await client.views.open({ trigger_id: body.trigger_id, view: modal(carried, about, day) }).catch((error: unknown) => ctx.logger.warn({ err: error }, 'reminder modal not opened'));
  });

  app.view<ViewSubmitAction>(REMIND_MODAL, async ({ ack, body, view, client, context }) => {
    const carried = Carried.safeParse(JSON.parse(view.private_metadata || '{}'));
    const date = value(view, BLOCK.date);
    const time = value(view, BLOCK.time);
    const about = (value(view, BLOCK.about) ?? '').replace(/\s+/g, ' ').trim();
    if (!carried.success) {
      await ack();
      return;
    }
    const errors: Record<string, string> = {};
    if (!date) errors[BLOCK.date] = 'Pick a day.';
    if (!time) errors[BLOCK.time] = 'Pick a time.';
    if (!about) errors[BLOCK.about] = 'Say what to be reminded of.';
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const { workspace } = installedFor(ctx, context);
    const request = slackRequest({ userId: body.user.id, userName: body.user.name, channelId: carried.data.channel, workspace }, `remind ${carried.data.who} ${date} ${time} to ${about}`);
    // The core decides within Slack's three seconds, so a time already past is said in the modal itself.
    const answer = await ctx.core.handle(request);
    if (answer.kind !== 'answer') {
      await ack({ response_action: 'errors', errors: { [BLOCK.date]: answer.fallback.slice(0, 150) } });
      return;
    }
    await ack();
    answerOnce(ctx, `view:${view.id}:${view.hash}`, async () => {
      await answerPrivately(client, null, body.user.id, answer);
      await refreshHomeAfter(ctx, client, request, answer);
    });
  });
}

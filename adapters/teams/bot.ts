import { ActivityTypes, TurnContext, type CloudAdapter, type InvokeResponse } from 'botbuilder';
import type { Logger } from 'pino';
import type { Core } from '../../src/core/core.js';
import type { Reply, View } from '../../src/core/reply.js';
import type { Request } from '../../src/core/request.js';
import type { Store } from '../../src/store/store.js';
import { INVOKE, cardCommand, conversationName, deliveryKey, execution, extensionQuery, isPersonal, mentionsBot, messageText, pastedLink, requestFor } from './activity.js';
import { cardOf } from './adaptiveCard.js';
import { badRequest, cardAnswer, extensionResults, messageAnswer } from './invoke.js';
import { postToConversation, sendReply } from './post.js';
import { sharedFiles } from './files.js';

export interface TeamsBotOptions {
  core: Core;
  store: Store;
  logger: Logger;
  adapter: CloudAdapter;
  appId: string;
  /**
   * Teams gives up on a turn after 15 s and sends it again: an answer not ready after this
   * long is acknowledged at once and posted when it is.
   */
  ackAfterMs: number;
}

/** Resolves with the promise's value, or undefined if it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One Teams turn: remember the conversation, answer each activity once, in the conversation it came from. */
export class TeamsBot {
  /**
   * The reference last saved per conversation, and when: saved again when it changes or
   * after ten minutes (another instance may have saved a newer one), not on every turn.
   */
  private readonly saved = new Map<string, { fingerprint: string; at: number }>();

  private readonly late = new Set<Promise<void>>();

  constructor(private readonly options: TeamsBotOptions) {}

  /** Answers still being worked on after their turn ended. */
  get pending(): number {
    return this.late.size;
  }

  readonly onTurn = async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    const { core } = this.options;
    // Searches and link previews come from message boxes anywhere, also where the bot was never added: nothing to remember, nothing to answer twice.
    if (activity.type === ActivityTypes.Invoke && (activity.name === INVOKE.query || activity.name === INVOKE.queryLink)) {
      await this.respond(context, await this.onExtension(context));
      return;
    }
    // A refresh asks what a card shows now: every member's client asks, and each gets the answer.
    const refresh = activity.type === ActivityTypes.Invoke && execution(activity)?.kind === 'refresh';
    const key = refresh ? null : deliveryKey(activity);
    // Both writes at once: each waits for its commit, and a redelivery is remembered as well.
    const [, first] = await Promise.all([activity.conversation?.id ? this.remember(activity) : undefined, key ? core.firstDelivery('teams', key) : true]);
    if (!first) return;

    if (activity.type === ActivityTypes.Invoke) {
      await this.respond(context, activity.name === INVOKE.action ? await this.onExecute(context) : badRequest(`Rapporteur does not answer ${activity.name ?? 'this invoke'}`));
      return;
    }
    if (activity.type === ActivityTypes.Message) await this.onMessage(context);
    else if (activity.type === ActivityTypes.ConversationUpdate && activity.membersAdded?.some((m) => m.id === activity.recipient.id)) {
      // Installed in a team, group chat or personal scope: say what the bot does.
      await sendReply(context, await core.handle(requestFor(activity, 'help')));
    }
  };

  private async remember(activity: TurnContext['activity']): Promise<void> {
    const reference = TurnContext.getConversationReference(activity);
    const name = conversationName(activity);
    // The activity id changes every turn and says nothing about where to post.
    const fingerprint = JSON.stringify({ ...reference, activityId: undefined, name });
    const id = activity.conversation.id;
    const last = this.saved.get(id);
    if (last && last.fingerprint === fingerprint && Date.now() - last.at < 600_000) return;
    await this.options.store.saveConversation('teams', id, reference, name);
    this.saved.delete(id);
    if (this.saved.size >= 10_000) this.saved.delete(this.saved.keys().next().value!);
    this.saved.set(id, { fingerprint, at: Date.now() });
  }

  private async onMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const command = cardCommand(activity);
    if (!command && !isPersonal(activity) && !mentionsBot(activity)) return;
    const files = command ? [] : sharedFiles(activity);
    // Words that come with a file are about the file, not a question.
    if (files.length > 0) {
      const request = requestFor(activity, '');
      for (const file of files) await this.answer(context, request, this.options.core.receiveFile(request, file));
      return;
    }
    const text = command ?? (messageText(activity) || 'help');
    await this.answer(context, requestFor(activity, text));
  }

  private async respond(context: TurnContext, response: InvokeResponse): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
  }

  /**
   * A card's Action.Execute. On a card with a view (a reminder), the command changes what the
   * card shows, and the card is redrawn in place: in the invoke's answer for the person who
   * pressed, and by editing the message for everyone else. On other cards the answer is a new
   * message in the conversation, as a typed question's would be. Either way Teams gets its answer
   * within the door's acknowledgement time.
   */
  private async onExecute(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    const asked = execution(activity);
    if (!asked) return badRequest('the card’s action is not one of Rapporteur’s');
    const { core, ackAfterMs } = this.options;
    if (asked.kind === 'refresh') return cardAnswer(cardOf(await core.redraw(requestFor(activity, ''), asked.view)));

    const request = requestFor(activity, asked.command);
    const answer = core.handle(request);
    const reply = await within(answer, ackAfterMs);
    if (!reply) {
      this.postLater(TurnContext.getConversationReference(activity), answer, request);
      return messageAnswer('Looking into it: the answer will follow here in a moment.');
    }
    if (!asked.view) {
      try {
        await sendReply(context, reply);
        return messageAnswer('Answered in the conversation.');
      } catch (error) {
        // A card inserted from the message extension can be where the bot was never added: the answer replaces it for who pressed.
        this.options.logger.info({ err: error, conversation: activity.conversation?.id }, 'a card action’s answer could not be posted; shown in place');
        return cardAnswer(cardOf(reply));
      }
    }
    // A refusal or a deadline that cannot be snoozed says why; the card stays as it is.
    if (reply.kind !== 'answer') return messageAnswer(reply.fallback);
    const card = cardOf(await core.redraw(request, asked.view));
    await this.editForEveryone(context, card, asked.view);
    return cardAnswer(card);
  }

  /** The pressed card's message, edited: Teams shows an invoke's card only to who pressed. */
  private async editForEveryone(context: TurnContext, card: ReturnType<typeof cardOf>, view: View): Promise<void> {
    const id = context.activity.replyToId;
    if (!id) return;
    await context.updateActivity({ type: ActivityTypes.Message, id, attachments: [card] }).catch((error: unknown) => {
      this.options.logger.warn({ err: error, conversation: context.activity.conversation?.id, view }, 'the card was redrawn for the person who pressed it, but its message could not be edited');
    });
  }

  /** The message extension: a search from the message box, or a pasted link to the UN's document hosts. */
  private async onExtension(context: TurnContext): Promise<InvokeResponse> {
    try {
      return await this.extension(context);
    } catch (error) {
      // Nothing is posted: the message box may be in a conversation the bot is not part of.
      this.options.logger.error({ err: error, invoke: context.activity.name }, 'a message-extension search failed');
      return extensionResults([]);
    }
  }

  private async extension(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    const { core } = this.options;
    if (activity.name === INVOKE.queryLink) {
      const link = pastedLink(activity);
      const found = link ? await core.linkPreview(requestFor(activity, link), link) : null;
      return extensionResults(found ? [found] : []);
    }
    const query = extensionQuery(activity);
    if (!query) return badRequest('the search has no parameters');
    const found = await core.lookup(requestFor(activity, query.text), query.text, query.skip + query.count);
    return extensionResults(found.slice(query.skip));
  }

  private async answer(context: TurnContext, request: Request, answer: Promise<Reply> = this.options.core.handle(request)): Promise<void> {
    const reply = await within(answer, this.options.ackAfterMs);
    if (reply) {
      await sendReply(context, reply);
      return;
    }
    await context.sendActivity({ type: ActivityTypes.Message, text: 'Looking into it: the answer will follow here in a moment.' });
    this.postLater(TurnContext.getConversationReference(context.activity), answer, request);
  }

  private postLater(reference: ReturnType<typeof TurnContext.getConversationReference>, answer: Promise<Reply>, request: Request): void {
    const { adapter, appId, logger } = this.options;
    const work = answer
      .then((reply) => postToConversation(adapter, appId, reference, reply))
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error, conversation: request.channelId, text: request.text }, 'a late Teams answer could not be posted'),
      )
      .finally(() => this.late.delete(work));
    this.late.add(work);
  }

  /** Waits for answers still on their way, so that stopping does not drop them. */
  async drain(): Promise<void> {
    await Promise.all([...this.late]);
  }
}

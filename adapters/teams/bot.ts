import { ActivityTypes, TurnContext, type CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { Core } from '../../src/core/core.js';
import type { Reply } from '../../src/core/reply.js';
import type { Request } from '../../src/core/request.js';
import type { Store } from '../../src/store/store.js';
import { cardCommand, conversationName, deliveryKey, isPersonal, mentionsBot, messageText, requestFor } from './activity.js';
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
    if (activity.conversation?.id) await this.remember(activity);
    const key = deliveryKey(activity);
    if (key && !(await core.firstDelivery('teams', key))) return;

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

import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isRapporteurError, ErrorCode } from '../errors.js';
import { conversationOf } from '../domain/conversations.js';
import type { Store } from '../store/store.js';
import { CHANGES_HOME, MUTATING, type Command } from './commandSchemas.js';
import { deadlines, addDeadline, removeDeadline } from './commands/deadlines.js';
import { document, documents } from './commands/documents.js';
import { help, unknownCommand, unplaced } from './commands/help.js';
import { gradeMeaning } from './commands/legend.js';
import { answersTo, group, recordParagraph } from './commands/meeting.js';
import { homeView } from './commands/home.js';
import { setDigest } from './commands/digest.js';
import { calendar } from './commands/calendar.js';
import { mute, unmute } from './commands/mute.js';
import { holidays, workingDays, workingHours } from './commands/workingTime.js';
import { calendarFeed, channelOfToken, type CalendarFeed } from './calendar.js';
import { follow, following, reminderDays, setTimeZone, unfollow } from './commands/follow.js';
import { fetchSymbol } from './commands/fetch.js';
import { ingestLink, ingestSharedFile, type SharedFile } from './commands/ingest.js';
import { done, remind, remindForm, reminders, snooze } from './commands/remind.js';
import { redraw } from './commands/reminderCard.js';
import { linkPreview, lookup } from './commands/lookup.js';
import type { JobsPort } from '../ports.js';
import { search, topic } from './commands/search.js';
import { source } from './commands/source.js';
import { speaker } from './commands/speaker.js';
import { followUpStatus } from './commands/status.js';
import { summary } from './commands/summary.js';
import { corrections, session } from './commands/session.js';
import { watchChange, watchList } from './commands/watch.js';
import { zoneOf, type CoreContext, type IngestNow } from './context.js';
import { documentPreview, type PreviewTarget } from './preview.js';
import type { Lexicon } from './entities.js';
import { parseIntent } from './intent.js';
import { internalError, reply, type Reply, type View } from './reply.js';
import type { Request } from './request.js';
import { continueSubject, mayContinue, subjectOf } from './subject.js';
import { subjectKeeper } from './subjectKeeper.js';

/** A question over this many characters is refused before any parsing. */
export const MAX_QUESTION_CHARS = 4000;

export interface CoreOptions {
  store: Store;
  clock?: () => Date;
  timeZone: string;
  /** Who may change the store: "slack:U0123", "teams:29:1abc", "slack:*". */
  admins: readonly string[];
  logger?: Logger;
  /** Reads a document right away, used where no job system runs. */
  ingestNow?: IngestNow;
  /** Where the HTTP server is reached from outside (calendar feed links); http://localhost:3000 when not given. */
  publicUrl?: string;
}

export interface Core {
  /** Answers one request; never throws. */
  handle(request: Request): Promise<Reply>;
  /** The typed command a text would run, for adapters and tests. */
  understand(text: string): Promise<Command>;
  /**
   * True the first time an incoming event is seen: platforms redeliver (Slack retries,
   * Socket Mode redelivery, Teams turn retries), and each event is answered once.
   */
  firstDelivery(platform: string, eventId: string): Promise<boolean>;
  /** A person's overview (Slack App Home): what is overdue and due soon, and the common commands. */
  home(request: Request): Promise<Reply>;
  /** A form asking when to remind a person of something (a message they picked), in the conversation's time zone. */
  remindForm(request: Request, about: string): Promise<NonNullable<Reply['form']>>;
  /** A file shared with the bot (a direct message, or a mention with a file): stored for admins; never throws. */
  receiveFile(request: Request, file: SharedFile): Promise<Reply>;
  /** What a posted reply's view shows now, in the request's conversation (after a button changed it, or when looked at again); never throws. */
  redraw(request: Request, view: View): Promise<Reply>;
  /** A document named by a link pasted in a conversation, in brief (link unfurling); never throws. */
  preview(request: Request, target: PreviewTarget): Promise<Reply>;
  /** Any link pasted in a message box: the preview of a UN document host's link (also one naming no symbol), null for other hosts. */
  linkPreview(request: Request, link: string): Promise<Reply | null>;
  /** A search as one types in the message box: documents and deadlines as their previews, at most `limit`. */
  lookup(request: Request, query: string, limit?: number): Promise<Reply[]>;
  /** Connects the job system once it runs (or disconnects it with null). */
  setJobs(jobs: JobsPort | null): void;
  /** Waits for the writes an answer left behind (the conversation's subject), before the store closes. */
  settle(): Promise<void>;
  /** The calendar feed a token opens, as it stands now; null for a wrong or revoked token. */
  calendarFeed(token: string): Promise<CalendarFeed | null>;
}

/** The console is the operator's own terminal, with the data directory's rights: it is an admin. */
export function isAdmin(request: Request, admins: readonly string[]): boolean {
  if (request.platform === 'console') return true;
  return admins.includes(`${request.platform}:${request.userId}`) || admins.includes(`${request.platform}:*`);
}

function run(command: Command, ctx: CoreContext): Promise<Reply> | Reply {
  switch (command.name) {
    case 'status':
      return followUpStatus(command.args, ctx);
    case 'summary':
      return summary(command.args, ctx);
    case 'speaker':
      return speaker(command.args, ctx);
    case 'topic':
      return topic(command.args, ctx);
    case 'search':
      return search(command.args, ctx);
    case 'deadlines':
      return deadlines(command.args, ctx);
    case 'deadline-add':
      return addDeadline(command.args, ctx);
    case 'deadline-remove':
      return removeDeadline(command.args, ctx);
    case 'documents':
      return documents(command.args, ctx);
    case 'document':
      return document(command.args, ctx);
    case 'source':
      return source(command.args, ctx);
    case 'help':
      return help(command.args, ctx);
    case 'follow':
      return follow(command.args, ctx);
    case 'unfollow':
      return unfollow(command.args, ctx);
    case 'following':
      return following(ctx);
    case 'timezone':
      return setTimeZone(command.args, ctx);
    case 'reminder-days':
      return reminderDays(command.args, ctx);
    case 'remind':
      return remind(command.args, ctx);
    case 'reminders':
      return reminders(ctx);
    case 'snooze':
      return snooze(command.args, ctx);
    case 'done':
      return done(command.args, ctx);
    case 'digest':
      return setDigest(command.args, ctx);
    case 'ingest':
      return ingestLink(command.args, ctx);
    case 'fetch':
      return fetchSymbol(command.args, ctx);
    case 'group':
      return group(command.args, ctx);
    case 'answers':
      return answersTo(command.args, ctx);
    case 'paragraph':
      return recordParagraph(command.args, ctx);
    case 'grade-meaning':
      return gradeMeaning(command.args, ctx);
    case 'unplaced':
      return unplaced(command.args);
    case 'session':
      return session(command.args, ctx);
    case 'corrections':
      return corrections(command.args, ctx);
    case 'watch':
      return watchList(ctx);
    case 'watch-change':
      return watchChange(command.args, ctx);
    case 'working-hours':
      return workingHours(command.args, ctx);
    case 'working-days':
      return workingDays(command.args, ctx);
    case 'holidays':
      return holidays(command.args, ctx);
    case 'mute':
      return mute(command.args, ctx);
    case 'unmute':
      return unmute(ctx);
    case 'calendar':
      return calendar(command.args, ctx);
    case 'unknown':
      return unknownCommand(command.args);
  }
}

function refusalForAdmins(admins: readonly string[], platform: string): Reply {
  const own = admins.filter((a) => a.startsWith(`${platform}:`)).map((a) => a.slice(platform.length + 1));
  const who = own.length ? `the admins named in Rapporteur’s configuration (${own.join(', ')})` : 'an admin named in Rapporteur’s configuration (RAPPORTEUR_ADMINS), and none is named for this platform';
  return reply('refusal', [{ type: 'text', text: `Only ${who} can change deadlines and documents. Ask one of them.` }], ErrorCode.Forbidden);
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? (() => new Date());
  let jobs: JobsPort | null = null;
  const context = (request: Request): CoreContext => ({
    store: options.store,
    clock,
    timeZone: options.timeZone,
    request,
    isAdmin: isAdmin(request, options.admins),
    admins: options.admins,
    jobs,
    ingestNow: options.ingestNow ?? null,
    publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
  });
  let lexicon: { at: number; value: Lexicon } | null = null;
  const subjects = subjectKeeper(options.store, options.logger);

  // Names of people who have spoken, so that "Abramenko at 463" is understood; refreshed each minute.
  async function currentLexicon(): Promise<Lexicon> {
    const now = Date.now();
    if (lexicon && now - lexicon.at < 60_000) return lexicon.value;
    const keys = new Set<string>();
    for (const s of await options.store.speakers()) {
      keys.add(s.key);
      for (const word of s.key.split(' ')) if (word.length >= 4) keys.add(word);
    }
    lexicon = { at: now, value: { speakerKeys: keys } };
    return lexicon.value;
  }

  async function understand(text: string): Promise<Command> {
    return parseIntent(text, await currentLexicon());
  }

  async function handle(request: Request): Promise<Reply> {
    if (request.text.length > MAX_QUESTION_CHARS) {
      return reply(
        'refusal',
        [{ type: 'text', text: `That question is ${request.text.length.toLocaleString('en')} characters long; please ask in under ${MAX_QUESTION_CHARS.toLocaleString('en')}. To search a long passage, pick a few telling words.` }],
        ErrorCode.QuestionTooLong,
      );
    }
    try {
      const channel = conversationOf(request);
      // Only a question shaped as a follow-up needs the subject.
      const kept = mayContinue(request.text)
        ? await subjects.read(channel, request.userId, clock()).catch((err: unknown) => {
            options.logger?.warn({ err, platform: request.platform }, 'conversation subject not read');
            return null;
          })
        : null;
      const command = (kept ? continueSubject(request.text, kept) : null) ?? (await understand(request.text));
      const ctx = context(request);
      if (MUTATING.has(command.name) && !ctx.isAdmin) return refusalForAdmins(options.admins, request.platform);
      const answer = await run(command, ctx);
      const subject = answer.kind === 'answer' ? subjectOf(command) : null;
      if (subject) subjects.write(channel, request.userId, subject, clock());
      return answer.kind === 'answer' && CHANGES_HOME.has(command.name) ? { ...answer, effects: ['home-changed'] } : answer;
    } catch (error) {
      if (isRapporteurError(error)) {
        return reply('error', [{ type: 'text', text: `${error.message}.` }, { type: 'context', text: `Error code ${error.code}.` }], error.code);
      }
      const reference = randomUUID().slice(0, 8);
      options.logger?.error({ err: error, reference, platform: request.platform, text: request.text }, 'command failed');
      return internalError(reference, true);
    }
  }

  return {
    handle,
    understand,
    home: (request) => homeView(context(request)),
    async remindForm(request, about) {
      const ctx = context(request);
      return remindForm(ctx, 'me', about, await zoneOf(ctx));
    },
    async receiveFile(request, file) {
      try {
        return await ingestSharedFile(file, context(request), () => refusalForAdmins(options.admins, request.platform));
      } catch (error) {
        const reference = randomUUID().slice(0, 8);
        options.logger?.error({ err: error, reference, platform: request.platform, file: file.name }, 'shared file failed');
        return internalError(reference, true);
      }
    },
    async redraw(request, view) {
      try {
        return await redraw(view, context(request));
      } catch (error) {
        const reference = randomUUID().slice(0, 8);
        options.logger?.error({ err: error, reference, platform: request.platform, view }, 'redraw failed');
        return internalError(reference, true);
      }
    },
    async preview(request, target) {
      try {
        return await documentPreview(target, context(request));
      } catch (error) {
        const reference = randomUUID().slice(0, 8);
        options.logger?.error({ err: error, reference, platform: request.platform, symbol: target.symbol }, 'preview failed');
        return internalError(reference, true);
      }
    },
    linkPreview: (request, link) => linkPreview(link, context(request)),
    lookup: (request, query, limit) => lookup(query, context(request), limit),
    setJobs: (port) => {
      jobs = port;
    },
    firstDelivery: (platform, eventId) => options.store.claimEvent(`${platform}:${eventId}`),
    settle: () => subjects.settle(),
    async calendarFeed(token) {
      const channel = await channelOfToken(options.store, token);
      if (!channel) return null;
      const zone = (await options.store.conversations.settings(channel)).timeZone ?? options.timeZone;
      return calendarFeed(options.store, channel, zone, clock());
    },
  };
}

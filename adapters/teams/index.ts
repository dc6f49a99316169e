import { randomUUID } from 'node:crypto';
import { CloudAdapter } from 'botbuilder';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import type { App } from '../../src/app.js';
import { internalError } from '../../src/core/reply.js';
import type { Sender } from '../../src/delivery.js';
import type { Door, DoorContext } from '../door.js';
import { botAuthentication, type AuthenticationOverrides } from './authentication.js';
import { TeamsBot } from './bot.js';
import { teamsAuth } from './config.js';
import { teamsSender } from './sender.js';

export interface TeamsDoorOptions extends AuthenticationOverrides {
  /** How long an answer may take before the bot acknowledges and posts it later (default 2.5 s; Teams waits 15 s). */
  ackAfterMs?: number;
}

export const ACK_AFTER_MS = 2500;

/** Microsoft Teams through botbuilder's CloudAdapter, on POST /api/messages of the shared HTTP server. */
export async function startTeamsDoor(ctx: DoorContext, options: TeamsDoorOptions = {}): Promise<Door> {
  const { app, http } = ctx;
  const auth = teamsAuth(app.config);
  const logger = app.logger.child({ door: 'teams' });
  if (auth.method === 'none') logger.warn('Teams door without authentication (RAPPORTEUR_ENV=development, no MICROSOFT_APP_ID): /api/messages accepts any request');

  const adapter = new CloudAdapter(botAuthentication(auth, options, logger));
  const bot = new TeamsBot({ core: app.core, store: app.store, logger, adapter, appId: auth.appId, ackAfterMs: options.ackAfterMs ?? ACK_AFTER_MS });
  adapter.onTurnError = async (context, error) => {
    const reference = randomUUID().slice(0, 8);
    logger.error({ err: error, reference, activity: context.activity.id, type: context.activity.type }, 'Teams turn failed');
    await context
      .sendActivity(internalError(reference, false).fallback)
      .catch((sendError: unknown) => logger.error({ err: sendError, reference }, 'could not tell the user the turn failed'));
  };

  // Parsed here only: other doors (Slack) need their raw bodies to check signatures.
  // A body that is not an activity gets a short 400, not express's page with a stack trace.
  const notAnActivity: ErrorRequestHandler = (error: Error, _req, res, _next) => {
    logger.warn({ err: error }, 'POST /api/messages: not a Bot Framework activity');
    if (!res.headersSent) res.status(400).json({ error: 'the body is not a Bot Framework activity' });
  };
  http.post('/api/messages', express.json({ limit: '1mb' }), (req: Request, res: Response) => adapter.process(req, res, bot.onTurn), notAnActivity);
  logger.info({ authentication: auth.method }, 'Teams door listening on /api/messages');

  return {
    name: 'teams',
    sender: teamsSender(adapter, auth.appId, app.store),
    health: async () => ({ ok: true, authentication: auth.method, pendingAnswers: bot.pending }),
    stop: () => bot.drain(),
  };
}

/** How `rapporteur worker` posts into Teams without the door: a CloudAdapter with the same credentials. */
export function standaloneTeamsSender(app: App): Sender {
  const auth = teamsAuth(app.config);
  return teamsSender(new CloudAdapter(botAuthentication(auth)), auth.appId, app.store);
}

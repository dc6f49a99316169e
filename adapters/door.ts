import type { Express } from 'express';
import type { App } from '../src/app.js';
import type { Sender } from '../src/delivery.js';

/** A way in to the bot: a chat platform, or the console. */
export interface Door {
  name: 'slack' | 'teams' | 'console';
  /** How jobs post into this platform unprompted. */
  sender?: Sender;
  /** A small status for /healthz. */
  health(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface DoorContext {
  app: App;
  /** The one HTTP server's routes (PORT): doors add theirs, /healthz is already there. */
  http: Express;
}

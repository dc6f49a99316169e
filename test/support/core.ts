import { readFileSync } from 'node:fs';
import { createCore, type Core } from '../../src/core/core.js';
import type { Reply } from '../../src/core/reply.js';
import type { Request } from '../../src/core/request.js';
import { parseDocument } from '../../src/documents/parse/index.js';
import type { Store } from '../../src/store/store.js';
import { seedPath } from './documents.js';
import { openTestStore, type EngineName, type TestStore } from './stores.js';
import { slackTraits } from '../../adapters/slack/traits.js';

export const SEEDS = [seedPath('cmw-c-sr-463.md'), seedPath('cmw-follow-up-azerbaijan-2026.md')];

export async function saveFiles(store: Store, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const rawText = readFileSync(path, 'utf8');
    await store.saveDocument({ parsed: parseDocument(rawText, { name: path }), rawText, source: path });
  }
}

export interface CoreHarness extends TestStore {
  core: Core;
  ask(text: string, who?: Partial<Request>): Promise<Reply>;
}

/** A core over a fresh store holding the given documents, at a fixed date. */
export async function coreWith(paths: readonly string[], options: { engine?: EngineName; now?: string; admins?: string[] } = {}): Promise<CoreHarness> {
  const clock = () => new Date(options.now ?? '2026-11-29T09:00:00Z');
  const t = await openTestStore(options.engine ?? 'sqlite', clock);
  await saveFiles(t.store, paths);
  const core = createCore({ store: t.store, clock, timeZone: 'Europe/Zurich', admins: options.admins ?? ['slack:UADMIN'] });
  return {
    ...t,
    cleanup: async () => {
      await core.settle();
      await t.cleanup();
    },
    core,
    ask: (text, who = {}) => core.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'U1', channelId: 'C1', text, ...who }),
  };
}

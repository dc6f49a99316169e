import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createCore, type Core } from './core/core.js';
import { announceDocument, meetFollowUpDeadline } from './core/announce.js';
import { Ingestor, seedIfEmpty, type IngestResult } from './ingest/ingest.js';
import type { JobsPort, SymbolSource } from './ports.js';
import { symbolSource } from './ingest/symbolSource.js';
import { createLogger } from './logger.js';
import { seedsDir } from './paths.js';
import { openStore } from './store/open.js';
import type { Store } from './store/store.js';

/** Everything a door needs, built once from the configuration. */
export interface App {
  config: Config;
  logger: Logger;
  store: Store;
  core: Core;
  ingestor: Ingestor;
  /** The UN's hosts by symbol, for the watch. */
  symbols: SymbolSource;
  /** Connects the job system when it runs: the core schedules through it, new records are announced through it. */
  setJobs(jobs: JobsPort | null): void;
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: () => Date;
  logger?: Logger;
  /** Load the seed documents into an empty store (the default). */
  seed?: boolean;
}

export async function openApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.RAPPORTEUR_DATA_DIR, ...(options.clock ? { now: options.clock } : {}) });
  let jobs: JobsPort | null = null;
  // A document read in: a reply meets its deadline, followers' reminders follow the deadlines, and a new document is announced.
  const clock = options.clock ?? (() => new Date());
  const announce = async (result: IngestResult) => {
    if ((result.status !== 'created' && result.status !== 'replaced') || !result.key) return;
    const met = result.status === 'created' ? await meetFollowUpDeadline(store, result.key, clock().toISOString().slice(0, 10)) : [];
    const doc = await store.document(result.key);
    if (doc) await jobs?.deadlinesChanged({ country: doc.country, committee: doc.committee });
    for (const d of met) if (d.country !== doc?.country || d.committee !== doc?.committee) await jobs?.deadlinesChanged({ country: d.country, committee: d.committee });
    if (result.status !== 'created') return;
    const ids = await announceDocument(store, result.key, met);
    if (ids.length) await jobs?.outboxAdded(ids);
  };
  const ingestor = new Ingestor(
    store,
    {
      allowlist: config.RAPPORTEUR_URL_ALLOWLIST,
      maxBytes: config.RAPPORTEUR_FETCH_MAX_BYTES,
      timeoutMs: config.RAPPORTEUR_FETCH_TIMEOUT_MS,
      hosts: { ods: config.RAPPORTEUR_ODS_URL, tbdb: config.RAPPORTEUR_TBDB_URL },
    },
    announce,
  );
  if (options.seed !== false) {
    const seeded = await seedIfEmpty(store, ingestor, seedsDir());
    if (seeded) {
      for (const r of seeded) {
        if (r.status === 'failed') logger.error({ source: r.source, error: r.error }, 'seed document could not be read');
        else logger.info({ source: r.source, key: r.key }, 'seed document loaded');
      }
    }
  }
  const core = createCore({
    store,
    timeZone: config.TZ_DEFAULT,
    admins: config.RAPPORTEUR_ADMINS,
    logger,
    ingestNow: ingestor,
    publicUrl: config.RAPPORTEUR_PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const setJobs = (port: JobsPort | null) => {
    jobs = port;
    core.setJobs(port);
  };
  const close = async (): Promise<void> => {
    await core.settle();
    await store.close();
  };
  const symbols = symbolSource(ingestor, { ods: config.RAPPORTEUR_ODS_URL, tbdb: config.RAPPORTEUR_TBDB_URL });
  return { config, logger, store, core, ingestor, symbols, setJobs, close };
}

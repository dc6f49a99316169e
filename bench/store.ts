import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import pg from 'pg';
import { createCore, type Core } from '../src/core/core.js';
import type { ArgsOf, Command } from '../src/core/commandSchemas.js';
import { parseDocument } from '../src/documents/parse/index.js';
import { speakerKey } from '../src/documents/parse/speakers.js';
import { openStore } from '../src/store/open.js';
import { Store } from '../src/store/store.js';
import { Corpus, prng } from './corpus.js';
import { postgresAnswers } from '../test/support/postgres.js';
import { slackTraits } from '../adapters/slack/traits.js';

/**
 * Ingestion rate and the latency of status, summary, speaker and search through the core,
 * beside the store calls each command makes run bare (the baseline, measured in the same
 * run), on SQLite and PostgreSQL at growing corpus sizes.
 *
 *   npm run build && node dist/bench/store.js --sizes 1e3,1e4,1e5,1e6 --engines sqlite,postgres
 *
 * Each engine and size runs in a child process of its own, so that memory figures and
 * caches do not carry over from one run to the next.
 */

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const KINDS = ['status', 'summary', 'speaker', 'search'] as const;
type Kind = (typeof KINDS)[number];
type Engine = 'sqlite' | 'postgres';

/** Goals at 10^5 paragraphs, from the issue. */
const GOAL_SIZE = 100_000;
const GOAL_P99: Record<Kind, number> = { status: 10, summary: 10, speaker: 10, search: 50 };
const GOAL_OVERHEAD = 1.5;
const TIMEOUT_SECONDS = Number(argument('timeout', '300'));

interface Latency {
  p50: number;
  p99: number;
  max: number;
}

interface KindResult {
  kind: Kind;
  queries: number;
  answered: number;
  core: Latency;
  bare: Latency;
}

interface RunResult {
  engine: Engine;
  size: number;
  documents: number;
  paragraphs: number;
  ingestSeconds: number;
  parseSeconds: number;
  rssMiB: number;
  heapMiB: number;
  diskMiB: number;
  speakersUncachedMs: number;
  results: KindResult[];
  /** The single very common word searched alone: the worst case for ranking. */
  commonWord?: { word: string; core: Latency; bare: Latency };
  /** Commands stopped for answering nothing within the time allowed. */
  timedOut: Kind[];
  /** Each command's first question, timed alone. */
  firstMs: Partial<Record<Kind, number>>;
}

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const mib = (bytes: number): number => bytes / 1024 / 1024;

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

// ---------------------------------------------------------------- child: one engine, one size

/**
 * Where a run's data lives. The parent makes and removes it, so that nothing is left
 * behind when a run is stopped for taking too long.
 */
interface Location {
  engine: Engine;
  /** The SQLite data directory, or the PostgreSQL schema. */
  place: string;
}

/** Marks the run's connections, so that a stopped run's queries can be ended before its schema is dropped. */
const pgUrl = (schema: string): string => `${DATABASE_URL}${DATABASE_URL.includes('?') ? '&' : '?'}application_name=${schema}`;

async function withAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

async function createLocation(engine: Engine): Promise<Location> {
  if (engine === 'sqlite') return { engine, place: mkdtempSync(join(tmpdir(), 'rapporteur-bench-')) };
  const schema = `bench_${Date.now().toString(36)}_${process.pid}`;
  await withAdmin((c) => c.query(`create schema ${schema}`));
  return { engine, place: schema };
}

async function removeLocation(l: Location): Promise<void> {
  if (l.engine === 'sqlite') return rmSync(l.place, { recursive: true, force: true });
  await withAdmin(async (c) => {
    await c.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [l.place]);
    await c.query(`drop schema ${l.place} cascade`);
  });
}

function openLocation(l: Location): Promise<Store> {
  return l.engine === 'sqlite' ? openStore({ dataDir: l.place }) : openStore({ databaseUrl: pgUrl(l.place), dataDir: '.', schema: l.place });
}

async function diskBytes(l: Location): Promise<number> {
  if (l.engine === 'sqlite') return readdirSync(l.place).reduce((n, f) => n + statSync(join(l.place, f)).size, 0);
  const r = await withAdmin((c) =>
    c.query<{ n: string }>(
      `select coalesce(sum(pg_total_relation_size(c.oid)), 0) as n from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = $1 and c.relkind = 'r'`,
      [l.place],
    ),
  );
  return Number(r.rows[0]!.n);
}

interface Query {
  text: string;
  command: Command;
}

/** Questions people ask, with arguments drawn from what the corpus holds. */
function questions(corpus: Corpus, count: number): { byKind: Record<Kind, string[]>; commonWord: string } {
  const r = prng(463);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

  // Status: the graded paragraphs of each State's latest evaluation, as the command finds it; one in ten not graded.
  const latest = new Map<string, (typeof corpus.evaluations)[number]>();
  for (const e of corpus.evaluations) if (!latest.has(e.country) || e.issued >= latest.get(e.country)!.issued) latest.set(e.country, e);
  const evaluated = [...latest.values()];
  const status = Array.from({ length: count }, () => {
    const e = pick(evaluated);
    const name = corpus.states.find((s) => s.code === e.country)!.name;
    const paragraph = r() < 0.9 ? pick(e.graded) : 71 + Math.floor(r() * 20);
    return `status of para ${paragraph} ${name}`;
  });

  // Summary: a meeting number alone when only one committee held it, with the committee when several did.
  const holders = new Map<number, number>();
  for (const m of corpus.records) holders.set(m.meeting, (holders.get(m.meeting) ?? 0) + 1);
  const summary = Array.from({ length: count }, () => {
    const m = pick(corpus.records);
    return holders.get(m.meeting)! > 1 ? `summary ${m.meeting} ${m.committee}` : `summary ${m.meeting}`;
  });

  // Speaker: people asked about as often as they speak.
  const speakers = [...corpus.spoken].filter(([name]) => name !== 'The Chair');
  const total = speakers.reduce((n, [, c]) => n + c, 0);
  const speaker = Array.from({ length: count }, () => {
    let at = r() * total;
    const [name] = speakers.find(([, c]) => (at -= c) < 0) ?? speakers[0]!;
    return r() < 0.5 ? `what did ${name} ask?` : `interventions by ${name.replace(/^\S+\s+/, '')}`;
  });

  // Search: two or three words of middling frequency, a word with a rare place name, and one in ten the commonest word alone.
  const words = corpus.chain.words.map((w) => w.word);
  const commonWord = words[0]!;
  const search = Array.from({ length: count }, (_, i) => {
    if (i % 10 === 9) return `search ${commonWord}`;
    const roll = r();
    if (roll < 0.45) return `search ${pick(words.slice(5, 150))} ${pick(words.slice(5, 150))}`;
    if (roll < 0.75) return `search ${pick(words.slice(5, 300))} of ${pick(words.slice(5, 300))}`;
    return `search ${pick(words.slice(20, 300))} ${pick(corpus.places)}`;
  });
  return { byKind: { status, summary, speaker, search }, commonWord };
}

/** The store calls each command makes, in the same order, without intent, rendering or the core around them. */
async function bare(store: Store, command: Command): Promise<void> {
  switch (command.name) {
    case 'status':
      return bareStatus(store, command.args);
    case 'summary':
      return bareSummary(store, command.args);
    case 'speaker':
      return bareSpeaker(store, command.args);
    case 'search':
      await store.search(command.args.query, { limit: 8, ...(command.args.country ? { country: command.args.country } : {}), ...(command.args.committee ? { committee: command.args.committee } : {}) });
      return;
    default:
      throw new Error(`no bare form for ${command.name}`);
  }
}

async function bareStatus(store: Store, args: ArgsOf<'status'>): Promise<void> {
  const evaluation = await store.latestEvaluation(args.country, args.committee);
  if (!evaluation) throw new Error(`no evaluation of ${args.country}`);
  const co = evaluation.details.evaluation?.evaluated.symbol ?? null;
  const one = args.paragraph !== undefined && co !== null;
  await Promise.all([
    store.grades(evaluation.id),
    evaluation.committee ? store.legend(evaluation.committee, evaluation.issued) : null,
    one ? store.document(co) : null,
    one ? store.deadlines({ symbol: co }) : [],
  ]);
}

async function bareSummary(store: Store, args: ArgsOf<'summary'>): Promise<void> {
  const found = args.symbol ? [await store.document(args.symbol)].flatMap((d) => (d ? [d] : [])) : args.meeting ? await store.meetings(args.meeting, args.committee) : [];
  if (found.length !== 1 || found[0]!.kind !== 'summary-record') return;
  await Promise.all([store.paragraphs(found[0]!.id), store.interventions(found[0]!.id)]);
}

async function bareSpeaker(store: Store, args: ArgsOf<'speaker'>): Promise<void> {
  const key = speakerKey(args.name);
  const options = { limit: 12 };
  let found = await store.interventionsBy({ keys: [key] }, options);
  if (found.length === 0) found = await store.interventionsBy({ surname: key.split(' ').at(-1) ?? key }, options);
  // The questions name people who spoke: the command's nearest-spelling path is never taken.
  if (found.length === 0) throw new Error(`no interventions by ${args.name}`);
  await store.paragraphsByNumbers(found.map((v) => ({ documentId: v.documentId, numbers: v.paragraphs })));
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/** Measures the questions in turn until done or out of time: a slow query must not hold the whole run for hours. */
async function measure(core: Core, store: Store, queries: Query[], budgetMs = Infinity): Promise<{ core: number[]; bare: number[]; answered: number }> {
  const coreTimes: number[] = [];
  const bareTimes: number[] = [];
  const end = performance.now() + budgetMs;
  let answered = 0;
  const ask = async (q: Query) => {
    const reply = await core.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'U1', channelId: 'C1', text: q.text });
    if (reply.kind === 'answer') answered++;
    if (reply.kind === 'error') throw new Error(`"${q.text}" failed: ${JSON.stringify(reply)}`);
  };
  for (const [i, q] of queries.entries()) {
    if (i >= 10 && performance.now() > end) break;
    // Alternate which goes first, so that neither always finds the other's pages in cache.
    if (i % 2 === 0) {
      coreTimes.push(await timed(() => ask(q)));
      await core.settle();
      bareTimes.push(await timed(() => bare(store, q.command)));
    } else {
      bareTimes.push(await timed(() => bare(store, q.command)));
      coreTimes.push(await timed(() => ask(q)));
      await core.settle();
    }
  }
  return { core: coreTimes, bare: bareTimes, answered };
}

/** What a child tells its parent, one JSON line at a time, so that a run stopped midway still reports what it measured. */
type Message =
  | { type: 'ingested'; run: Omit<RunResult, 'results' | 'commonWord' | 'timedOut' | 'firstMs'> }
  | { type: 'first'; kind: Kind; ms: number }
  | { type: 'kind'; result: KindResult; commonWord?: RunResult['commonWord'] };

const tell = (m: Message): void => void process.stdout.write(`${JSON.stringify(m)}\n`);

async function child(location: Location, size: number, count: number, budgetSeconds: number): Promise<void> {
  const { engine } = location;
  const store = await openLocation(location);
  try {
    const corpus = new Corpus(size);
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${engine} ${size.toLocaleString('en')}: ingest [{bar}] {percentage}% {value}/{total} paragraphs, eta {eta}s`, noTTYOutput: true, notTTYSchedule: 15_000, etaBuffer: 200 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(size, 0);
    let documents = 0;
    let paragraphs = 0;
    let parseMs = 0;
    const t0 = performance.now();
    for (const doc of corpus.documents()) {
      const p0 = performance.now();
      const parsed = parseDocument(doc.text, { name: doc.name });
      parseMs += performance.now() - p0;
      await store.saveDocument({ parsed, rawText: doc.text, source: `bench:${doc.name}` });
      documents++;
      paragraphs += parsed.paragraphs.length;
      bar.update(paragraphs);
    }
    const ingestSeconds = (performance.now() - t0) / 1000;
    bar.stop();
    // As autovacuum would have by the time a bulk load is queried; SQLite's store never analyzes.
    if (engine === 'postgres') await sql`analyze`.execute(store.db);
    globalThis.gc?.();
    const memory = process.memoryUsage();
    const stored = await store.counts();
    // What a request pays once a minute, when the core's list of speakers is refreshed.
    const refresh: number[] = [];
    for (let i = 0; i < 5; i++) refresh.push(await timed(() => new Store(store.db, store.engine).speakers()));
    tell({
      type: 'ingested',
      run: {
        engine,
        size,
        documents,
        paragraphs: stored.paragraphs,
        ingestSeconds,
        parseSeconds: parseMs / 1000,
        rssMiB: mib(memory.rss),
        heapMiB: mib(memory.heapUsed),
        diskMiB: mib(await diskBytes(location)),
        speakersUncachedMs: latency(refresh).p50,
      },
    });

    const core = createCore({ store, timeZone: 'Europe/Zurich', admins: [] });
    const { byKind, commonWord } = questions(corpus, count);
    for (const kind of KINDS) {
      // One at a time: at once, each would refresh the core's speaker list while none has yet.
      const queries: Query[] = [];
      for (const text of byKind[kind]) {
        const command = await core.understand(text);
        if (command.name !== kind) throw new Error(`"${text}" reads as ${command.name}, not ${kind}`);
        queries.push({ text, command });
      }
      process.stderr.write(`${engine} ${size.toLocaleString('en')}: ${count} ${kind} questions\n`);
      const first = await measure(core, store, queries.slice(0, 1));
      tell({ type: 'first', kind, ms: first.core[0]! });
      await measure(core, store, queries.slice(1, 10), budgetSeconds * 1000);
      const m = await measure(core, store, queries, budgetSeconds * 1000);
      const result = { kind, queries: m.core.length, answered: m.answered, core: latency(m.core), bare: latency(m.bare) };
      const alone = queries.slice(0, m.core.length).flatMap((q, i) => (q.text === `search ${commonWord}` ? [i] : []));
      tell({
        type: 'kind',
        result,
        ...(alone.length ? { commonWord: { word: commonWord, core: latency(alone.map((i) => m.core[i]!)), bare: latency(alone.map((i) => m.bare[i]!)) } } : {}),
      });
    }
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------- parent: runs and reports

const ms = (n: number): string => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
const count = (n: number): string => Math.round(n).toLocaleString('en');

function printRun(r: RunResult): void {
  const docsPerS = r.documents / r.ingestSeconds;
  const parasPerS = r.paragraphs / r.ingestSeconds;
  console.log(`\n== ${r.engine}, ${count(r.size)} paragraphs (${count(r.documents)} documents, ${count(r.paragraphs)} paragraphs stored)`);
  console.log(
    `ingestion: ${count(docsPerS)} documents/s, ${count(parasPerS)} paragraphs/s (${r.ingestSeconds.toFixed(1)} s, of which parsing ${((r.parseSeconds / r.ingestSeconds) * 100).toFixed(0)}%); on disk ${count(r.diskMiB)} MiB`,
  );
  console.log(`memory after ingestion: RSS ${count(r.rssMiB)} MiB, heap ${count(r.heapMiB)} MiB`);
  console.log('command   answers   core p50     p99     max   bare p50     p99   core/bare p50   p99');
  for (const k of r.results) {
    console.log(
      `${k.kind.padEnd(8)} ${`${k.answered}/${k.queries}`.padStart(8)} ${ms(k.core.p50).padStart(8)} ms ${ms(k.core.p99).padStart(6)} ${ms(k.core.max).padStart(7)} ${ms(k.bare.p50).padStart(8)} ms ${ms(k.bare.p99).padStart(6)} ${`${(k.core.p50 / k.bare.p50).toFixed(2)}x`.padStart(13)} ${`${(k.core.p99 / k.bare.p99).toFixed(2)}x`.padStart(6)}`,
    );
  }
  for (const kind of r.timedOut) {
    const first = r.firstMs[kind];
    console.log(`${kind.padEnd(8)} stopped: no result within ${TIMEOUT_SECONDS} s${first === undefined ? '; its first question did not finish' : `; its first question took ${ms(first)} ms`}`);
  }
  const c = r.commonWord;
  if (c) console.log(`  search "${c.word}" alone (1 in 10 searches): core p50 ${ms(c.core.p50)} ms, p99 ${ms(c.core.p99)} ms; bare p50 ${ms(c.bare.p50)} ms, p99 ${ms(c.bare.p99)} ms`);
  console.log(`  speaker list refresh (once a minute, uncached): ${ms(r.speakersUncachedMs)} ms`);
}

/** How a figure grows: the exponent of n that fits it from the smallest size to the largest. */
function growth(points: Array<[number, number]>): string {
  if (points.length < 2) return '';
  const [n0, v0] = points[0]!;
  const [n1, v1] = points[points.length - 1]!;
  const exponent = Math.log(v1 / v0) / Math.log(n1 / n0);
  const shape = exponent < 0.15 ? 'about flat' : exponent < 0.6 ? 'sublinear' : exponent < 0.85 ? 'near-linear' : 'linear';
  const steps = points.slice(1).map(([, v], i) => `x${(v / points[i]![1]).toFixed(1)}`).join(' ');
  return `${points.map(([, v]) => ms(v)).join(' → ')} ms (per step ${steps}; ~n^${exponent.toFixed(2)}, ${shape})`;
}

function printGrowth(engine: Engine, runs: RunResult[]): void {
  if (runs.length < 2) return;
  console.log(`\n== ${engine}: growth from ${count(runs[0]!.size)} to ${count(runs.at(-1)!.size)} paragraphs`);
  for (const kind of KINDS) {
    const measured = runs.filter((r) => r.results.some((k) => k.kind === kind));
    const of = (f: (k: KindResult) => number): Array<[number, number]> => measured.map((r) => [r.size, f(r.results.find((k) => k.kind === kind)!)]);
    console.log(`${kind.padEnd(8)} core p50 ${growth(of((k) => k.core.p50))}`);
    console.log(`${''.padEnd(8)} core p99 ${growth(of((k) => k.core.p99))}`);
    console.log(`${''.padEnd(8)} bare p99 ${growth(of((k) => k.bare.p99))}`);
    const stopped = runs.filter((r) => r.timedOut.includes(kind)).map((r) => count(r.size));
    if (stopped.length) console.log(`${''.padEnd(8)} stopped at ${stopped.join(', ')} paragraphs (over ${TIMEOUT_SECONDS} s)`);
  }
  console.log(`ingestion paragraphs/s: ${runs.map((r) => count(r.paragraphs / r.ingestSeconds)).join(' → ')}`);
  console.log(`RSS after ingestion MiB: ${runs.map((r) => count(r.rssMiB)).join(' → ')}; on disk MiB: ${runs.map((r) => count(r.diskMiB)).join(' → ')}`);
  console.log(`speaker list refresh ms: ${runs.map((r) => ms(r.speakersUncachedMs)).join(' → ')}`);
}

function printGoals(engine: Engine, runs: RunResult[]): void {
  const r = runs.find((x) => x.size === GOAL_SIZE);
  if (!r) return;
  console.log(`\n== ${engine}: goals at ${count(GOAL_SIZE)} paragraphs`);
  for (const kind of r.timedOut) console.log(`${kind.padEnd(8)} p99 over ${TIMEOUT_SECONDS} s (goal < ${GOAL_P99[kind]} ms): MISSED`);
  for (const k of r.results) {
    const p99 = k.core.p99 <= GOAL_P99[k.kind];
    const overhead = k.core.p50 / k.bare.p50;
    console.log(
      `${k.kind.padEnd(8)} p99 ${ms(k.core.p99)} ms (goal < ${GOAL_P99[k.kind]} ms): ${p99 ? 'met' : 'MISSED'}; core/bare p50 ${overhead.toFixed(2)}x (goal < ${GOAL_OVERHEAD}x): ${overhead < GOAL_OVERHEAD ? 'met' : 'MISSED'}`,
    );
  }
}

/**
 * Runs one engine and size in a child process. Once ingested, a child that reports nothing
 * for TIMEOUT_SECONDS is stopped (a synchronous SQLite query cannot be interrupted from
 * inside), and the commands it had not finished are reported as stopped.
 */
async function runChild(engine: Engine, size: number, queries: number, budget: number): Promise<RunResult> {
  const location = await createLocation(engine);
  try {
    return await new Promise<RunResult>((resolve, reject) => {
      const script = fileURLToPath(import.meta.url);
      const proc = spawn(process.execPath, ['--expose-gc', script, '--child', engine, location.place, String(size), String(queries), String(budget)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let run: RunResult | null = null;
      let timer: NodeJS.Timeout | undefined;
      let stopped = false;
      const watch = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          stopped = true;
          process.stderr.write(`${engine} ${count(size)}: no result for ${TIMEOUT_SECONDS} s, stopping the run\n`);
          proc.kill('SIGKILL');
        }, TIMEOUT_SECONDS * 1000);
      };
      let buffer = '';
      proc.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let at: number;
        while ((at = buffer.indexOf('\n')) >= 0) {
          const m = JSON.parse(buffer.slice(0, at)) as Message;
          buffer = buffer.slice(at + 1);
          if (m.type === 'ingested') run = { ...m.run, results: [], timedOut: [], firstMs: {} };
          else if (m.type === 'first') run!.firstMs[m.kind] = m.ms;
          else {
            run!.results.push(m.result);
            if (m.commonWord) run!.commonWord = m.commonWord;
          }
          watch();
        }
      });
      proc.on('error', reject);
      proc.on('close', (code) => {
        clearTimeout(timer);
        if (run && (code === 0 || stopped)) {
          run.timedOut = KINDS.filter((k) => !run!.results.some((r) => r.kind === k));
          resolve(run);
        } else reject(new Error(`${engine} at ${size} paragraphs exited with ${code}`));
      });
    });
  } finally {
    await removeLocation(location);
  }
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) {
    const [engine, place, size, queries, budget] = process.argv.slice(childAt + 1);
    await child({ engine: engine as Engine, place: place! }, Number(size), Number(queries), Number(budget));
    return;
  }
  const sizes = argument('sizes', '1e3,1e4,1e5').split(',').map(Number);
  const engines = argument('engines', 'sqlite,postgres').split(',') as Engine[];
  const queries = Number(argument('queries', '500'));
  const budget = Number(argument('budget', '60'));
  console.log(`Store bench: ${queries} questions per command (fewer if they take over ${budget} s), sizes ${sizes.map(count).join(', ')} paragraphs, engines ${engines.join(', ')}; Node ${process.version}`);
  for (const engine of engines) {
    if (engine === 'postgres' && !(await postgresAnswers(DATABASE_URL))) {
      console.log(`\n== postgres: skipped, no server answers at ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`);
      continue;
    }
    const runs: RunResult[] = [];
    for (const size of sizes) {
      const r = await runChild(engine, size, queries, budget);
      printRun(r);
      runs.push(r);
    }
    printGrowth(engine, runs);
    printGoals(engine, runs);
  }
}

await main();

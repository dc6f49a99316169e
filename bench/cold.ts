import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Wall time of a cold `rapporteur ask "status of para 36 Azerbaijan"` on the embedded
 * store: (a) on a fresh data directory, which the first question seeds, and (b) on one
 * already seeded; beside `node -e 0` in the same run (the baseline: starting Node at all).
 * Run after `npm run build`: node dist/bench/cold.js [--runs 7]
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const main = join(root, 'dist/cli/main.js');
const QUESTION = 'status of para 36 Azerbaijan';
const GOAL_MS = 1000;
const at = process.argv.indexOf('--runs');
const runs = at > 0 ? Number(process.argv[at + 1]) : 7;

// The embedded store: a DATABASE_URL in the caller's environment would send the question elsewhere.
const inherited = { ...process.env };
delete inherited.DATABASE_URL;

function wall(args: string[], dataDir?: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env: { ...inherited, ...(dataDir ? { RAPPORTEUR_DATA_DIR: dataDir } : {}) }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  if (dataDir && !/36/.test(r.stdout)) throw new Error(`unexpected answer: ${r.stdout}`);
  return ms;
}

function stats(samples: number[]): { min: number; median: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
}

const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-cold-'));
  dirs.push(dir);
  return dir;
};

try {
  const node = stats(Array.from({ length: runs }, () => wall(['-e', '0'])));
  const fresh = stats(Array.from({ length: runs }, () => wall([main, 'ask', QUESTION], freshDir())));
  const seededDir = freshDir();
  wall([main, 'ask', QUESTION], seededDir);
  const seeded = stats(Array.from({ length: runs }, () => wall([main, 'ask', QUESTION], seededDir)));

  console.log(`Cold \`rapporteur ask "${QUESTION}"\`, ${runs} runs each, wall time (Node ${process.version})`);
  const line = (name: string, s: { min: number; median: number }, goal: boolean) =>
    console.log(
      `${name.padEnd(34)} min ${s.min.toFixed(0).padStart(5)} ms  median ${s.median.toFixed(0).padStart(5)} ms  ${`${(s.median / node.median).toFixed(1)}x`.padStart(6)} node -e 0${goal ? `  (goal < ${GOAL_MS} ms: ${s.median < GOAL_MS ? 'met' : 'MISSED'})` : ''}`,
    );
  line('node -e 0 (baseline)', node, false);
  line('(a) fresh data dir, seeds first', fresh, true);
  line('(b) seeded data dir', seeded, true);
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { root } from './documents.js';

/** Runs the `rapporteur` command line from source, as a user would run the installed one. */
export function rapporteur(args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', `${root}cli/main.ts`, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

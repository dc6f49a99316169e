import { spawn, type ChildProcess } from 'node:child_process';
import { root } from './documents.js';

/**
 * `rapporteur worker` as a process of its own, from source, so that a test can kill it with
 * SIGKILL mid-burst (no shutdown hooks, no drained queues) and start another in its place.
 */
export interface WorkerProcess {
  child: ChildProcess;
  /** What it wrote to standard error, for a failure message. */
  stderr(): string;
  /** SIGKILL, and wait for it to be gone. */
  kill9(): Promise<void>;
  /** SIGTERM, and wait for it to finish what it holds. */
  stop(): Promise<void>;
}

export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', `${root}cli/main.ts`, 'worker'], {
    cwd: root,
    env: { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    stderr: () => err,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Core } from '../../src/core/core.js';
import { renderText } from './render.js';

const HISTORY_SIZE = 500;

/** The columns of a terminal, less one so a full line never wraps by itself; none when not a terminal. */
export function terminalWidth(output: NodeJS.WritableStream): number | undefined {
  const tty = output as NodeJS.WriteStream;
  return tty.isTTY && tty.columns ? tty.columns - 1 : undefined;
}

function loadHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

/** The interactive console: ask questions, see answers, with history kept in the data directory. */
export async function runRepl(core: Core, options: { dataDir: string; input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream; color?: boolean }): Promise<void> {
  const output = options.output ?? process.stdout;
  const color = options.color ?? Boolean((output as NodeJS.WriteStream).isTTY);
  mkdirSync(options.dataDir, { recursive: true });
  const historyFile = join(options.dataDir, 'console_history');
  const rl = createInterface({ input: options.input ?? process.stdin, output, terminal: color, history: loadHistory(historyFile), historySize: HISTORY_SIZE, prompt: 'rapporteur> ' });
  const user = userInfo().username;
  output.write('Rapporteur: ask about treaty-body documents. Type “help” for examples, “exit” to leave.\n');
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') break;
    if (text) {
      appendFileSync(historyFile, `${text}\n`);
      const answer = await core.handle({ platform: 'console', userId: user, userName: user, channelId: 'console', text });
      output.write(`\n${renderText(answer, color, terminalWidth(output))}\n\n`);
    }
    rl.prompt();
  }
  rl.close();
}

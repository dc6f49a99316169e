import { userInfo } from 'node:os';
import { renderText } from '../adapters/console/render.js';
import { terminalWidth } from '../adapters/console/repl.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { quietLogger } from '../src/logger.js';

/** `rapporteur ask "TEXT"`: one answer on standard output, from the default store. */
export async function ask(text: string, options: { json?: boolean }): Promise<void> {
  const config = loadConfig();
  const app = await openApp(config, { logger: quietLogger(config.LOG_LEVEL) });
  try {
    const user = userInfo().username;
    const answer = await app.core.handle({ platform: 'console', userId: user, userName: user, channelId: 'console', text });
    process.stdout.write(options.json ? `${JSON.stringify(answer, null, 2)}\n` : `${renderText(answer, Boolean(process.stdout.isTTY), terminalWidth(process.stdout))}\n`);
  } finally {
    await app.close();
  }
}

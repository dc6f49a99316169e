import { runRepl } from '../adapters/console/repl.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

/** `npm start`: every door whose variables are set; with none, the console. */
export async function start(): Promise<void> {
  const config = loadConfig();
  const app = await openApp(config);
  try {
    await runRepl(app.core, { dataDir: config.RAPPORTEUR_DATA_DIR });
  } finally {
    await app.close();
  }
}

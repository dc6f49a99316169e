import { SingleBar, Presets } from 'cli-progress';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { quietLogger } from '../src/logger.js';
import { RapporteurError, ErrorCode } from '../src/errors.js';
import { FetchLanguage } from '../src/ingest/bySymbol.js';
import { expandTargets, type IngestResult } from '../src/ingest/ingest.js';

function line(r: IngestResult): string {
  if (r.status === 'failed') return `failed     ${r.source}: ${r.error?.message} [${r.error?.code}]`;
  const what = `${r.key}${r.version && r.version > 1 ? ` (version ${r.version}${r.changes ? `: ${r.changes}` : ''})` : ''}`;
  const warnings = r.warnings.length ? ` — ${r.warnings.length} warning${r.warnings.length > 1 ? 's' : ''}` : '';
  return `${r.status.padEnd(10)} ${what} ← ${r.source}${warnings}`;
}

/** `rapporteur ingest SYMBOL|PATH|DIR|URL ...`: every document into the store, one transaction each. */
export async function ingestTargets(targets: string[], options: { language: string }): Promise<void> {
  const language = FetchLanguage.safeParse(options.language);
  if (!language.success) throw new RapporteurError(ErrorCode.InvalidConfig, `--language must be en, fr or es, not “${options.language}”`);
  const config = loadConfig();
  const app = await openApp(config, { seed: false, logger: quietLogger(config.LOG_LEVEL) });
  try {
    const files = await expandTargets(targets);
    // A bar only where someone watches and there is more than a glance of work.
    const bar = files.length > 3 && process.stderr.isTTY ? new SingleBar({ format: 'Reading {bar} {value}/{total} {file}', hideCursor: true }, Presets.shades_classic) : null;
    bar?.start(files.length, 0, { file: '' });
    const results: IngestResult[] = [];
    for (const file of files) {
      bar?.update(results.length, { file });
      results.push(await app.ingestor.ingest(file, language.data));
    }
    bar?.update(results.length, { file: '' });
    bar?.stop();
    for (const r of results) process.stdout.write(`${line(r)}\n`);
    const failed = results.filter((r) => r.status === 'failed').length;
    const counts = ['created', 'replaced', 'unchanged', 'failed'].map((s) => `${results.filter((r) => r.status === s).length} ${s}`).join(', ');
    process.stdout.write(`${files.length} document${files.length === 1 ? '' : 's'}: ${counts}\n`);
    if (failed > 0) process.exitCode = 1;
  } finally {
    await app.close();
  }
}

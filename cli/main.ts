#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRapporteurError } from '../src/errors.js';
import { packageRoot } from '../src/paths.js';

/**
 * The `rapporteur` command line: the composition root that wires doors, store and jobs.
 * Each command loads its own modules when run, so that `ask` does not pay for Slack and Teams.
 */
/** The version package.json names: what `rapporteur --version` prints. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command('rapporteur')
    .description('A chat bot for UN human-rights treaty-body work: reads committee documents and answers questions about them.')
    .version(packageVersion(), '-V, --version', 'print the version of Rapporteur')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('parse')
    .description('Read one treaty-body document (Markdown, plain text, PDF or Word .docx, as ingest reads them) and print what it says')
    .argument('<file>', 'the document to read')
    .option('--json', 'print the parsed document as JSON (the shape scripts rely on)')
    .action(async (file: string, options: { json?: boolean }) => {
      const { describeDocument, parseFile } = await import('./parseCommand.js');
      const doc = await parseFile(file);
      process.stdout.write(options.json ? `${JSON.stringify(doc, null, 2)}\n` : `${describeDocument(doc)}\n`);
    });

  program
    .command('ask')
    .description('Answer one question from the store (seeded from seeds/ when empty), as the chat bot would')
    .argument('<text>', 'the question, e.g. "status of para 36 Azerbaijan"')
    .option('--json', 'print the neutral Reply as JSON')
    .action(async (text: string, options: { json?: boolean }) => (await import('./ask.js')).ask(text, options));

  program
    .command('ingest')
    .description('Read documents into the store: UN symbols (fetched from ODS, else the Treaty Body Database), files, directories (walked for .md, .txt, .pdf, .docx) or URLs on the allowlist')
    .argument('<targets...>', 'symbols such as CMW/C/AZE/CO/3, files, directories or https:// URLs')
    .option('--language <en|fr|es>', 'the language of the copy fetched for a symbol', 'en')
    .action(async (targets: string[], options: { language: string }) => (await import('./ingest.js')).ingestTargets(targets, options));

  program
    .command('start')
    .description('Start every door whose variables are set, with the queue workers (with no door, the interactive console)')
    .action(async () => (await import('./start.js')).start());

  program
    .command('worker')
    .description('Run the queue workers alone (reminders, digests, meeting summaries, uploads), for deployments that scale them apart')
    .action(async () => (await import('./worker.js')).worker());

  program
    .command('slack-manifest')
    .description('Print the Slack app manifest to paste at api.slack.com/apps: Socket Mode, or with --url the HTTP variant')
    .option('--url <https-url>', 'the public https:// address of this server; Slack will post to <url>/slack/events and send installers back to <url>/slack/oauth_redirect')
    .addHelpText(
      'after',
      '\nWithout --url the app uses Socket Mode (set SLACK_APP_TOKEN; no public address needed).\nWith --url it uses HTTP (set SLACK_SIGNING_SECRET), and carries the OAuth redirect URL: to install it in many\nworkspaces, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET instead of SLACK_BOT_TOKEN and\nshare <url>/slack/install. The slash command is SLACK_COMMAND (default /tb).',
    )
    .action(async (options: { url?: string }) => (await import('../adapters/slack/manifest.js')).printSlackManifest(options));

  program
    .command('teams-package')
    .description('Zip the Teams app package (manifest and icons) for the bot named by MICROSOFT_APP_ID, to upload in Teams')
    .option('--out <file>', 'where to write the zip', 'rapporteur-teams.zip')
    .option('--website <https-url>', "your organisation's page about this bot: Teams links to it as the developer's site, privacy statement and terms")
    .action(async (options: { out: string; website?: string }) => (await import('../adapters/teams/appPackage.js')).teamsPackage(options));

  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    // One line on standard error, never a stack trace: the code lets a user quote it.
    const message = isRapporteurError(error) ? `${error.message} [${error.code}]` : (error as Error).message;
    process.stderr.write(`rapporteur: ${message}\n`);
    process.exitCode = 1;
  }
}

// A reader that stops reading (`rapporteur ask ... | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await main(process.argv);

#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { isRapporteurError } from '../src/errors.js';
import { describeDocument, parseFile } from './parseCommand.js';

/** The `rapporteur` command line: the composition root that wires doors, store and jobs. */
export function buildProgram(): Command {
  const program = new Command('rapporteur')
    .description('A chat bot for UN human-rights treaty-body work: reads committee documents and answers questions about them.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('parse')
    .description('Read one treaty-body document (Markdown or plain text) and print what it says')
    .argument('<file>', 'the document to read')
    .option('--json', 'print the parsed document as JSON (the shape scripts rely on)')
    .action(async (file: string, options: { json?: boolean }) => {
      const doc = await parseFile(file);
      process.stdout.write(options.json ? `${JSON.stringify(doc, null, 2)}\n` : `${describeDocument(doc)}\n`);
    });

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

await main(process.argv);

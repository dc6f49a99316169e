import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runRepl } from '../adapters/console/repl.js';
import { Reply, reply } from '../src/core/reply.js';
import { renderText, wrapLine } from '../adapters/console/render.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { rapporteur } from './support/cli.js';
import { fixturePath } from './support/documents.js';
import { summaryRecordPdf } from './support/generate.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'rapporteur-cli-'));

describe('rapporteur ask', () => {
  it('answers from a fresh store, seeded on first use', () => {
    const env = { RAPPORTEUR_DATA_DIR: dataDir() };
    const run = rapporteur(['ask', 'status of para 36 Azerbaijan'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('[C] 36 (a): not implemented.');
    expect(run.stdout).toContain('follow-up evaluation of CMW/C/AZE/CO/3 (2 March 2026), assessment of para. 36 (b)–(e)');
    expect(run.stderr).toBe('');
  });

  it('prints the neutral Reply with --json', () => {
    const run = rapporteur(['ask', 'summary 463', '--json'], { RAPPORTEUR_DATA_DIR: dataDir() });
    const reply = Reply.parse(JSON.parse(run.stdout));
    expect(reply.kind).toBe('answer');
    expect(reply.blocks[0]).toEqual({ type: 'heading', text: 'CMW/C/SR.463: Summary record (partial) of the 463rd meeting' });
  });

  it('answers a question it does not understand with the nearest commands, exit 0', () => {
    const run = rapporteur(['ask', 'what is the weather like'], { RAPPORTEUR_DATA_DIR: dataDir() });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('I did not understand');
    expect(run.stdout).toContain('status of para 36 Azerbaijan');
  });

  it('stops with a message naming a bad variable', () => {
    const run = rapporteur(['ask', 'help'], { RAPPORTEUR_DATA_DIR: dataDir(), TZ_DEFAULT: 'Geneva' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('rapporteur: invalid configuration: TZ_DEFAULT: must be an IANA time zone such as Europe/Zurich [INVALID_CONFIG]');
  });
});

describe('rapporteur ingest', () => {
  it('reads files and directories, once; a reissue replaces; a bad file is named and the rest are stored', async () => {
    const dir = dataDir();
    const docs = join(dir, 'incoming');
    mkdirSync(docs);
    copyFileSync(fixturePath('co-bol-2.md'), join(docs, 'co-bol-2.md'));
    copyFileSync(fixturePath('fu-bol-2039.md'), join(docs, 'fu-bol-2039.md'));
    copyFileSync(fixturePath('not-a-document.txt'), join(docs, 'lunch.txt'));
    writeFileSync(join(docs, 'sr-463.pdf'), (await summaryRecordPdf()).bytes);
    const env = { RAPPORTEUR_DATA_DIR: join(dir, 'data') };

    const first = rapporteur(['ingest', docs, fixturePath('sr-9001-pdf-text.txt')], env);
    expect(first.status).toBe(1);
    expect(first.stdout).toMatch(/^created {4}CMW\/C\/BOL\/CO\/2 ← .*co-bol-2\.md$/m);
    expect(first.stdout).toMatch(/^created {4}CMW\/C\/SR\.463 ← .*sr-463\.pdf$/m);
    expect(first.stdout).toMatch(/^failed {5}.*lunch\.txt: lunch\.txt is not a document Rapporteur reads: Not a treaty-body document.* \[NOT_A_DOCUMENT\]$/m);
    expect(first.stdout).toContain('5 documents: 4 created, 0 replaced, 0 unchanged, 1 failed');

    const again = rapporteur(['ingest', join(docs, 'co-bol-2.md')], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('1 document: 0 created, 0 replaced, 1 unchanged, 0 failed');

    const corrected = readFileSync(fixturePath('co-bol-2.md'), 'utf8').replace('by 1 May 2042', 'by 1 June 2042');
    writeFileSync(join(docs, 'co-bol-2-corr.md'), corrected);
    const reissue = rapporteur(['ingest', join(docs, 'co-bol-2-corr.md')], env);
    expect(reissue.stdout).toMatch(/^replaced {3}CMW\/C\/BOL\/CO\/2 \(version 2: paragraph 46 changed\)/m);

    const answer = rapporteur(['ask', 'deadlines Bolivia'], env);
    expect(answer.stdout).toContain('due 1 June 2042');
    const summary = rapporteur(['ask', 'summary 463'], env);
    expect(summary.stdout).toContain('Chair: Mr. Ünver');
  });

  it('refuses a URL whose host is not allowed, and says why', () => {
    const run = rapporteur(['ingest', 'https://example.com/report.pdf'], { RAPPORTEUR_DATA_DIR: dataDir() });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/failed .*example\.com is not on the list of allowed hosts .*\[URL_REFUSED\]/);
  });
});

describe('the interactive console', () => {
  it('answers each line, keeps history, and leaves on exit', async () => {
    const dir = dataDir();
    const app = await openApp(loadConfig({ RAPPORTEUR_DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const done = runRepl(app.core, { dataDir: dir, input, output, color: false });
    input.write('what did Mr. Charef ask?\n');
    input.write('help\n');
    input.end('exit\n');
    await done;
    await app.close();
    expect(printed).toContain('What Mr. Charef asked');
    expect(printed).toContain('Ask Rapporteur about treaty-body documents');
    expect(readFileSync(join(dir, 'console_history'), 'utf8')).toBe('what did Mr. Charef ask?\nhelp\n');
  });
});


describe('the console wraps long lines at word boundaries', () => {
  const long = reply('answer', [
    { type: 'text', text: 'The Office of the Ombudsman was involved in protecting the rights of migrant workers and members of their families.' },
    { type: 'list', items: [{ text: 'Mr. Safikhanli: more than 6 million people had been fully vaccinated with one of several approved vaccines', cite: { source: 'CMW/C/SR.463', where: 'para. 15', documentKey: 'CMW/C/SR.463' } }] },
  ]);

  it('no line is wider than the terminal, no word is cut, and list items hang under their text', () => {
    const text = renderText(long, true, 40);
    const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
    for (const line of plain.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(plain.replace(/\s+/g, ' ')).toBe(renderText(long, false).replace(/\s+/g, ' '));
    expect(plain).toContain('  • Mr. Safikhanli: more than 6 million\n    people');
  });

  it('keeps a word longer than the line whole, and leaves text alone when no width is known', () => {
    expect(wrapLine('see https://documents.un.org/api/symbol/access?s=CMW%2FC%2FSR.463 now', 20)).toBe('see\nhttps://documents.un.org/api/symbol/access?s=CMW%2FC%2FSR.463\nnow');
    expect(renderText(long)).not.toContain('involved\n');
  });
});

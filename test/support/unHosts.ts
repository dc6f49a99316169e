import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from '../../src/documents/parse/index.js';
import { root } from './documents.js';
import { printedFrom, unDocx, unPdf } from './unFiles.js';

/**
 * A local fake of the UN's document hosts, on three ports as three hosts: the Official Document
 * System (`/api/symbol/access?s=&l=&t=`), the Treaty Body Database (`Download.aspx?symbolno=&Lang=`,
 * an HTML page linking to docstore) and docstore (`FilesHandler.ashx?enc=`). It serves the
 * repository's own documents (seeds/ and test/corpus/) printed as PDF and Word in the UN's layout.
 * Run alone with `npm run fake-un` for a first look.
 */

export type Behaviour =
  /** ODS answers 200 with an empty body and TBDB lists no copy: not published yet (any unknown symbol). */
  | 'unpublished'
  /** Both hosts answer 404. */
  | 'missing'
  /** Both hosts answer 429 with Retry-After: 120. */
  | 'busy'
  /** ODS and TBDB answer after `slowMs`. */
  | 'slow'
  /** ODS sends an HTML error page with status 200 where the file should be; TBDB has the document. */
  | 'ods-error-page'
  /** ODS has nothing; only TBDB has the document. */
  | 'tbdb-only';

/** Symbols that behave so by default, for a first look at every answer. */
export const SPECIAL_SYMBOLS: Record<string, Behaviour> = {
  'CMW/C/AZE/FCO/4': 'unpublished',
  'CMW/C/SR.999': 'missing',
  'CMW/C/SR.998': 'busy',
  'CMW/C/SR.997': 'slow',
};

export interface FakeUnHosts {
  ods: string;
  tbdb: string;
  docstore: string;
  /** The three hosts as allowlist entries (with their ports). */
  allowlist: string[];
  /** Every request, as "host path". */
  requests: string[];
  /** Symbols served, each with its languages. */
  catalogue: Map<string, Map<string, string>>;
  behave(symbol: string, behaviour: Behaviour | null): void;
  /** A new `enc` token for each of the symbol's files, as OHCHR issues on republication; old links then answer 404. */
  republish(symbol: string): void;
  close(): Promise<void>;
}

/** Every repository document with a symbol, by symbol and language: its path. */
function repositoryDocuments(): Map<string, Map<string, string>> {
  const catalogue = new Map<string, Map<string, string>>();
  const add = (symbol: string | null, language: string | null, path: string): void => {
    if (!symbol || !language) return;
    const languages = catalogue.get(symbol) ?? new Map<string, string>();
    if (!languages.has(language)) languages.set(language, path);
    catalogue.set(symbol, languages);
  };
  for (const name of readdirSync(join(root, 'seeds'))) {
    const path = join(root, 'seeds', name);
    const doc = parseDocument(readFileSync(path), { name });
    add(doc.symbol, doc.language ?? 'en', path);
  }
  const corpus = join(root, 'test', 'corpus');
  for (const family of readdirSync(corpus, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const name of readdirSync(join(corpus, family.name)).filter((n) => n.endsWith('.json'))) {
      const facts = JSON.parse(readFileSync(join(corpus, family.name, name), 'utf8')) as { symbol: string | null; language: string | null };
      const text = [`${name.slice(0, -5)}.txt`, `${name.slice(0, -5)}.md`].find((t) => readdirSync(join(corpus, family.name)).includes(t));
      if (text) add(facts.symbol, facts.language, join(corpus, family.name, text));
    }
  }
  return catalogue;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, port: number): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const LANGUAGES: Record<string, string> = { en: 'English', fr: 'French', es: 'Spanish' };

export async function startUnHosts(options: { ports?: [number, number, number]; slowMs?: number } = {}): Promise<FakeUnHosts> {
  const catalogue = repositoryDocuments();
  const behaviours = new Map<string, Behaviour>(Object.entries(SPECIAL_SYMBOLS));
  const requests: string[] = [];
  const files = new Map<string, Uint8Array>();
  const editions = new Map<string, number>();
  const slowMs = options.slowMs ?? 2000;
  const [odsPort, tbdbPort, docstorePort] = options.ports ?? [0, 0, 0];

  /** The document printed as the UN prints it, built once per symbol, language and format. */
  async function file(symbol: string, language: string, format: 'pdf' | 'docx'): Promise<Uint8Array | null> {
    const path = catalogue.get(symbol)?.get(language);
    if (!path) return null;
    const key = `${symbol} ${language} ${format}`;
    if (!files.has(key)) {
      const text = readFileSync(path, 'utf8').replace(/^SOURCE: .*\n/, '\n');
      const printed = printedFrom(text, symbol, `GE.21-1${String(files.size).padStart(4, '0')}`);
      files.set(key, format === 'pdf' ? (await unPdf(printed)).bytes : await unDocx(printed));
    }
    return files.get(key)!;
  }

  /** The docstore token of a file: it names the edition, so republishing changes it. */
  const enc = (symbol: string, language: string, format: string): string =>
    Buffer.from(`${symbol}|${language}|${format}|${editions.get(symbol) ?? 1}`).toString('base64url');

  const held = new Set<ServerResponse>();
  const slow = async (res: ServerResponse): Promise<void> => {
    held.add(res);
    await new Promise((resolve) => setTimeout(resolve, slowMs));
    held.delete(res);
  };

  let docstoreBase = '';
  const log = (host: string, req: IncomingMessage): URL => {
    requests.push(`${host} ${req.url}`);
    return new URL(req.url ?? '/', 'http://x');
  };

  const ods = await listen((req, res) => {
    void (async () => {
      const url = log('ods', req);
      if (url.pathname !== '/api/symbol/access') return res.writeHead(404).end();
      const symbol = url.searchParams.get('s') ?? '';
      const behaviour = behaviours.get(symbol);
      if (behaviour === 'missing') return res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>');
      if (behaviour === 'busy') return res.writeHead(429, { 'retry-after': '120' }).end();
      if (behaviour === 'slow') await slow(res);
      if (behaviour === 'ods-error-page') return res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body><h1>An error occurred</h1></body></html>');
      const format = url.searchParams.get('t') === 'doc' ? 'docx' : 'pdf';
      const bytes = behaviour === 'tbdb-only' || behaviour === 'unpublished' ? null : await file(symbol, url.searchParams.get('l') ?? 'en', format);
      // ODS answers 200 with nothing for a symbol it has no file of.
      if (!bytes) return res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '0' }).end();
      res.writeHead(200, { 'content-type': format === 'pdf' ? 'application/pdf' : WORD, 'content-disposition': `inline; filename="${symbol.replace(/\//g, '_')}.${format}"` }).end(bytes);
    })();
  }, odsPort);

  const tbdb = await listen((req, res) => {
    void (async () => {
      const url = log('tbdb', req);
      if (url.pathname !== '/_layouts/15/treatybodyexternal/Download.aspx') return res.writeHead(404).end();
      const symbol = url.searchParams.get('symbolno') ?? '';
      const behaviour = behaviours.get(symbol);
      if (behaviour === 'missing') return res.writeHead(404).end('<html><body>404 NOT FOUND</body></html>');
      if (behaviour === 'busy') return res.writeHead(429, { 'retry-after': '120' }).end();
      if (behaviour === 'slow') await slow(res);
      const languages = behaviour === 'unpublished' ? [] : [...(catalogue.get(symbol)?.keys() ?? [])];
      // As the real page: a table with a row per language, PDF and Word icons linking to docstore.
      const rows = languages
        .map(
          (l) => `<tr><td class="lang">${LANGUAGES[l] ?? l}</td><td><a href="${docstoreBase}/SelfServices/FilesHandler.ashx?enc=${enc(symbol, l, 'pdf')}" target="_blank"><img src="/_layouts/15/images/icpdf.png" alt="PDF" /></a></td>` +
            `<td><a href="${docstoreBase}/SelfServices/FilesHandler.ashx?enc=${enc(symbol, l, 'docx')}" target="_blank"><img src="/_layouts/15/images/icdocx.png" alt="Word" /></a></td></tr>`,
        )
        .join('\n');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!DOCTYPE html><html><head><title>Download</title></head><body><h2>${symbol}</h2><table class="docs">${rows || '<tr><td>No documents found.</td></tr>'}</table></body></html>`,
      );
    })();
  }, tbdbPort);

  const docstore = await listen((req, res) => {
    void (async () => {
      const url = log('docstore', req);
      const token = url.pathname === '/SelfServices/FilesHandler.ashx' ? url.searchParams.get('enc') : null;
      const [symbol = '', language = 'en', format = 'pdf', edition = ''] = token ? Buffer.from(token, 'base64url').toString().split('|') : [];
      if (!token || edition !== String(editions.get(symbol) ?? 1)) return res.writeHead(404).end('<html><body>The file does not exist.</body></html>');
      const bytes = await file(symbol, language, format === 'docx' ? 'docx' : 'pdf');
      if (!bytes) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': format === 'docx' ? WORD : 'application/pdf' }).end(bytes);
    })();
  }, docstorePort);
  docstoreBase = docstore.base;

  const servers = [ods.server, tbdb.server, docstore.server];
  return {
    ods: ods.base,
    tbdb: tbdb.base,
    docstore: docstore.base,
    allowlist: [ods.base, tbdb.base, docstore.base].map((b) => new URL(b).host),
    requests,
    catalogue,
    behave(symbol, behaviour) {
      if (behaviour) behaviours.set(symbol, behaviour);
      else behaviours.delete(symbol);
    },
    republish(symbol) {
      editions.set(symbol, (editions.get(symbol) ?? 1) + 1);
    },
    async close() {
      for (const res of held) res.destroy();
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

// `npm run fake-un`: the hosts on fixed ports, and how to point Rapporteur at them.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const first = Number(process.env.FAKE_UN_PORT ?? 8401);
  const hosts = await startUnHosts({ ports: [first, first + 1, first + 2] });
  const symbols = [...hosts.catalogue.keys()].sort();
  process.stdout.write(
    [
      `Fake UN document hosts: ODS ${hosts.ods}, TBDB ${hosts.tbdb}, docstore ${hosts.docstore}`,
      `${symbols.length} documents from seeds/ and test/corpus/, e.g. ${symbols.filter((s) => s.startsWith('CMW')).slice(0, 4).join(', ')}`,
      `Answers to try: ${Object.entries(SPECIAL_SYMBOLS).map(([s, b]) => `${s} (${b})`).join(', ')}; any other symbol is not published yet.`,
      '',
      'In another terminal:',
      `  export RAPPORTEUR_ODS_URL=${hosts.ods} RAPPORTEUR_TBDB_URL=${hosts.tbdb} RAPPORTEUR_URL_ALLOWLIST=${hosts.allowlist.join(',')}`,
      '  npx rapporteur ingest CMW/C/SR.463 CMW/C/SR.999',
      '',
    ].join('\n'),
  );
}

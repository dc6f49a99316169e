import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, RapporteurError } from '../src/errors.js';
import { fetchDocument, isPublicAddress, type FetchPolicy } from '../src/ingest/fetch.js';

/** A local web server with one route per situation a fetch can meet. */
let server: Server;
let base: string;
/** The server's host:port, as an allowlist entry names it. */
let local: FetchPolicy;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/files/report.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7 a small document');
    } else if (path === '/host') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(req.headers.host);
    } else if (path === '/download?id=463') {
      const disposition = `attachment; filename="old.pdf"; filename*=UTF-8''CMW%20C%20SR.463%20%C3%9Cnver.pdf`;
      res.writeHead(200, { 'content-disposition': disposition }).end('x');
    } else if (path === '/download?id=9001') {
      res.writeHead(200, { 'content-disposition': 'attachment; filename="../../etc/CMW_C_SR.9001.pdf"' }).end('x');
    } else if (path === '/moved') {
      res.writeHead(302, { location: '/files/Summary%20record%20463.md' }).end();
    } else if (path === '/files/Summary%20record%20463.md') {
      res.writeHead(200, { 'content-type': 'text/markdown' }).end('# Summary record');
    } else if (path === '/away') {
      res.writeHead(301, { location: 'https://evil.example/x.pdf' }).end();
    } else if (path.startsWith('/loop')) {
      res.writeHead(302, { location: `/loop${path.length}` }).end();
    } else if (path === '/busy') {
      res.writeHead(429, { 'retry-after': '120' }).end();
    } else if (path === '/big') {
      res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
    } else if (path === '/endless') {
      // No Content-Length, and a body that never ends: only counting can stop it.
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const timer = setInterval(() => res.write('x'.repeat(512)), 5);
      res.on('close', () => clearInterval(timer));
    } else if (path === '/silent') {
      // Never answers.
    } else if (path === '/stalls') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).write('%PDF-1.7 and then nothing more');
    } else {
      res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  local = { allowlist: ['documents.un.org', new URL(base).host], maxBytes: 1000, timeoutMs: 5000 };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});


async function failure(promise: Promise<unknown>): Promise<RapporteurError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RapporteurError);
  return error as RapporteurError;
}

describe('fetching a document', () => {
  it('fetches from an allowed host, named after the last part of its address', async () => {
    expect(await fetchDocument(`${base}/files/report.pdf`, local)).toEqual({
      bytes: new Uint8Array(Buffer.from('%PDF-1.7 a small document')),
      name: 'report.pdf',
      contentType: 'application/pdf',
      url: `${base}/files/report.pdf`,
    });
  });

  it('names the file as Content-Disposition says, without any folder in it', async () => {
    expect((await fetchDocument(`${base}/download?id=463`, local)).name).toBe('CMW C SR.463 Ünver.pdf');
    expect((await fetchDocument(`${base}/download?id=9001`, local)).name).toBe('CMW_C_SR.9001.pdf');
  });

  it('follows a redirect on an allowed host and reports where the document came from', async () => {
    const fetched = await fetchDocument(`${base}/moved`, local);
    expect(fetched).toMatchObject({ name: 'Summary record 463.md', url: `${base}/files/Summary%20record%20463.md`, contentType: 'text/markdown' });
  });

  it('connects to the address it checked, not to one it looks up again', async () => {
    // docs.example.test exists in no DNS: the only way to reach the server is the checked address.
    const port = new URL(base).port;
    const policy = { ...local, allowlist: [`docs.example.test:${port}`, '127.0.0.1'], lookup: async () => ['127.0.0.1'] };
    const fetched = await fetchDocument(`http://docs.example.test:${port}/host`, policy);
    expect(Buffer.from(fetched.bytes).toString()).toBe(`docs.example.test:${port}`);
  });
});

describe('addresses that are refused', () => {
  it('refuses a host that is not on the list, naming the hosts that are', async () => {
    const error = await failure(fetchDocument('https://evil.example/x.pdf', { ...local, allowlist: ['documents.un.org', '*.ohchr.org'] }));
    expect(error.code).toBe(ErrorCode.UrlRefused);
    expect(error.message).toBe('refused https://evil.example/x.pdf: evil.example is not on the list of allowed hosts (documents.un.org, *.ohchr.org)');
  });

  it('refuses an allowed name that resolves to a loopback address', async () => {
    const port = new URL(base).port;
    const policy = { ...local, allowlist: [`docs.example.test:${port}`], lookup: async () => ['127.0.0.1'] };
    const error = await failure(fetchDocument(`http://docs.example.test:${port}/files/report.pdf`, policy));
    expect(error.code).toBe(ErrorCode.UrlRefused);
    expect(error.message).toContain('docs.example.test leads to 127.0.0.1, a private or local address');
  });

  it('refuses a subdomain allowed by a wildcard when it resolves to a private address', async () => {
    const policy = { ...local, allowlist: ['*.ohchr.org'], lookup: async () => ['93.184.216.34', '10.1.2.3'] };
    const error = await failure(fetchDocument('https://tbinternet.ohchr.org/x.pdf', policy));
    expect(error.message).toBe('refused https://tbinternet.ohchr.org/x.pdf: tbinternet.ohchr.org leads to 10.1.2.3, a private or local address');
  });

  it.each([
    ...['10.0.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1'],
    ...['::1', '::', 'fe80::1', 'fe80::1%eth0', 'fd00::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1'],
  ])(
    'refuses an allowed name that resolves to %s',
    async (address) => {
      const policy = { ...local, allowlist: ['docs.example.test'], lookup: async () => [address] };
      expect((await failure(fetchDocument('https://docs.example.test/x.pdf', policy))).code).toBe(ErrorCode.UrlRefused);
    },
  );

  it('counts public addresses as public', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(address)).toBe(true);
    }
  });

  it('refuses a redirect to a host not on the list', async () => {
    const error = await failure(fetchDocument(`${base}/away`, local));
    expect(error.code).toBe(ErrorCode.UrlRefused);
    expect(error.message).toBe(`refused https://evil.example/x.pdf: evil.example is not on the list of allowed hosts (documents.un.org, ${new URL(base).host})`);
  });

  it('matches an entry with a port on that port only, and one without on the default port only', async () => {
    const port = new URL(base).port;
    // The entry "127.0.0.1" stands for port 80: the server's own port is not on the list.
    const bare = await failure(fetchDocument(`${base}/files/report.pdf`, { ...local, allowlist: ['127.0.0.1'] }));
    expect(bare.message).toBe(`refused ${base}/files/report.pdf: 127.0.0.1:${port} is not on the list of allowed hosts (127.0.0.1)`);
    const other = await failure(fetchDocument(`${base}/files/report.pdf`, { ...local, allowlist: ['127.0.0.1:1'] }));
    expect(other.code).toBe(ErrorCode.UrlRefused);
    expect((await fetchDocument(`${base}/files/report.pdf`, { ...local, allowlist: [`127.0.0.1:${port}`] })).name).toBe('report.pdf');
    const policy = { ...local, lookup: async () => ['93.184.216.34'] };
    // Named default ports are the default ports; a port on a wildcard entry binds its subdomains too.
    for (const [allowlist, url] of [
      [['documents.un.org:443'], 'https://documents.un.org/x.pdf'],
      [['*.ohchr.org:8443'], 'https://docstore.ohchr.org:8443/x.pdf'],
    ] as const) {
      const error = await fetchDocument(url, { ...policy, allowlist: [...allowlist], timeoutMs: 1 }).catch((e: RapporteurError) => e);
      expect((error as RapporteurError).code).not.toBe(ErrorCode.UrlRefused); // allowed: it fails only for want of time
    }
    const ipv6 = await failure(fetchDocument('http://[::1]:8443/x.pdf', { ...local, allowlist: ['[::1]:8080'] }));
    expect(ipv6.message).toBe('refused http://[::1]:8443/x.pdf: [::1]:8443 is not on the list of allowed hosts ([::1]:8080)');
  });

  it('refuses a redirect to another port of an allowed host', async () => {
    const port = new URL(base).port;
    const hop = createServer((_req, res) => res.writeHead(302, { location: `${base}/files/report.pdf` }).end());
    await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
    const from = `http://127.0.0.1:${(hop.address() as AddressInfo).port}`;
    try {
      const error = await failure(fetchDocument(`${from}/go`, { ...local, allowlist: [new URL(from).host] }));
      expect(error.message).toBe(`refused ${base}/files/report.pdf: 127.0.0.1:${port} is not on the list of allowed hosts (${new URL(from).host})`);
    } finally {
      hop.closeAllConnections();
      await new Promise((resolve) => hop.close(resolve));
    }
  });

  it('refuses addresses that are not web addresses, and never repeats a password', async () => {
    expect((await failure(fetchDocument('file:///etc/passwd', local))).message).toBe('refused file:///etc/passwd: only http and https addresses are fetched');
    const error = await failure(fetchDocument('https://reader:s3cret@documents.un.org/x.pdf', local));
    expect(error).toMatchObject({ code: ErrorCode.UrlRefused, message: 'refused https://documents.un.org/x.pdf: addresses with a user name or password are not accepted' });
    expect((await failure(fetchDocument('not a url', local))).message).toBe('refused not a url: it is not a valid web address');
  });
});

describe('fetches that fail', () => {
  it('says what the server answered', async () => {
    const error = await failure(fetchDocument(`${base}/nothing-here.pdf`, local));
    expect(error).toMatchObject({ code: ErrorCode.FetchFailed, message: `could not fetch ${base}/nothing-here.pdf: the server answered 404 Not Found` });
  });

  it('says how long a busy server asks to wait', async () => {
    const error = await failure(fetchDocument(`${base}/busy`, local));
    expect(error).toMatchObject({ code: ErrorCode.RateLimited, message: `could not fetch ${base}/busy: the server answered 429 Too Many Requests and asks to wait 2 minutes`, retryAfterSeconds: 120 });
  });

  it('gives up after five redirects', async () => {
    const error = await failure(fetchDocument(`${base}/loop`, local));
    expect(error.code).toBe(ErrorCode.FetchFailed);
    expect(error.message).toContain('it redirected more than 5 times');
  });

  it('refuses a document over the size limit that Content-Length announces', async () => {
    const error = await failure(fetchDocument(`${base}/big`, local));
    expect(error).toMatchObject({ code: ErrorCode.DocumentTooLarge, message: `refused ${base}/big: the document is larger than 1000 bytes` });
  });

  it('stops downloading a document without Content-Length as soon as it passes the limit', async () => {
    const started = Date.now();
    const error = await failure(fetchDocument(`${base}/endless`, local));
    expect(error.code).toBe(ErrorCode.DocumentTooLarge);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it.each(['/silent', '/stalls'])('gives up on a server that stops answering (%s) when the time is up', async (path) => {
    const started = Date.now();
    const error = await failure(fetchDocument(`${base}${path}`, { ...local, timeoutMs: 300 }));
    expect(error).toMatchObject({ code: ErrorCode.FetchFailed, message: `could not fetch ${base}${path}: no complete answer within 0.3 seconds` });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('says when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(fetchDocument(`http://127.0.0.1:${port}/x.pdf`, { ...local, allowlist: [`127.0.0.1:${port}`] }));
    expect(error).toMatchObject({ code: ErrorCode.FetchFailed, message: `could not fetch http://127.0.0.1:${port}/x.pdf: the server refused the connection` });
  });
});

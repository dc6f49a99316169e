import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { ErrorCode, RapporteurError } from '../errors.js';

export interface FetchPolicy {
  /**
   * Hosts, e.g. 'documents.un.org'; '*.un.org' also allows its subdomains. An entry matches only
   * the scheme's default port unless it names one ('127.0.0.1:8443', '[::1]:8443'), and then only
   * that port. An IP literal allows that IP, even a private one; it is the only way to allow a
   * private or local address.
   */
  allowlist: string[];
  maxBytes: number;
  /** For the whole fetch, redirects included. */
  timeoutMs: number;
  /** DNS resolution, injectable for tests; by default the system resolver. */
  lookup?: (host: string) => Promise<string[]>;
}

export interface FetchedDocument {
  bytes: Uint8Array;
  name: string;
  contentType: string | null;
  /** The URL the document finally came from, after redirects. */
  url: string;
}

const MAX_REDIRECTS = 5;

const systemLookup = async (host: string): Promise<string[]> =>
  (await dnsLookup(host, { all: true })).map((a) => a.address);

/** IPv4 ranges that are not the public Internet (RFC 6890 special-purpose registry). */
const PRIVATE_V4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 3], // multicast, reserved, broadcast
] as const) PRIVATE_V4.addSubnet(net, prefix, 'ipv4');

/** IPv6: only global unicast (2000::/3) is public, less documentation, protocol-assignment and 6to4 ranges. */
const GLOBAL_V6 = new BlockList();
GLOBAL_V6.addSubnet('2000::', 3, 'ipv6');
const SPECIAL_V6 = new BlockList();
for (const [net, prefix] of [['2001::', 23], ['2001:db8::', 32], ['2002::', 16]] as const) {
  SPECIAL_V6.addSubnet(net, prefix, 'ipv6');
}

/** The IPv6 form URLs use: lower case, zeros compressed, so "::ffff:127.0.0.1" reads "::ffff:7f00:1". */
function canonicalV6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

export function isPublicAddress(ip: string): boolean {
  const address = bareHost(ip);
  if (isIP(address) === 4) return !PRIVATE_V4.check(address, 'ipv4');
  if (isIP(address) !== 6) return false;
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach the IPv4 address inside them.
  const embedded = /^(?:::ffff|64:ff9b:):([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (embedded) {
    const [high, low] = [parseInt(embedded[1]!, 16), parseInt(embedded[2]!, 16)];
    return isPublicAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  return GLOBAL_V6.check(address, 'ipv6') && !SPECIAL_V6.check(address, 'ipv6');
}

/** A host or address for comparison: lower case, without IPv6 brackets or zone ("%eth0"), or a final dot. */
function bareHost(host: string): string {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '').replace(/\.$/, '');
  return isIP(h) === 6 ? canonicalV6(h) : h;
}

/** The URL as shown to a user: never with a password in it. */
function shown(url: URL): string {
  const copy = new URL(url);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** An allowlist entry read into its host and port; a port of null means the scheme's default. */
function allowlistEntry(entry: string): { host: string; port: string | null } {
  const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bareHost(bracketed[1]!), port: bracketed[2] ?? null };
  // One colon is a port; several are a bare IPv6 address.
  const ported = /^([^:]+):(\d+)$/.exec(entry);
  return ported ? { host: bareHost(ported[1]!), port: ported[2]! } : { host: bareHost(entry), port: null };
}

function entryMatches(entry: { host: string; port: string | null }, host: string, url: URL): boolean {
  // URL leaves the port empty when it is the scheme's default, so "host:443" and "host" both match https://host/.
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  if ((entry.port ?? defaultPort) !== (url.port || defaultPort)) return false;
  const e = entry.host;
  return e === host || (e.startsWith('*.') && (host === e.slice(2) || host.endsWith(e.slice(1))));
}

function refused(url: URL | string, reason: string): RapporteurError {
  return new RapporteurError(ErrorCode.UrlRefused, `refused ${typeof url === 'string' ? url : shown(url)}: ${reason}`);
}

/** A fetch that failed, with what a caller may act on: the reason in words, the HTTP status, how long the server asks to wait. */
export class FetchError extends RapporteurError {
  constructor(
    code: ErrorCode,
    message: string,
    /** "the server refused the connection", "the server answered 404 Not Found". */
    readonly reason: string,
    readonly status: number | null = null,
    /** From a 429's Retry-After, in seconds. */
    readonly retryAfterSeconds: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'FetchError';
  }
}

function failed(url: URL, reason: string, cause?: unknown): FetchError {
  const options = cause === undefined ? undefined : { cause };
  return new FetchError(ErrorCode.FetchFailed, `could not fetch ${shown(url)}: ${reason}`, reason, null, null, options);
}

/** Retry-After as seconds from now: a number of seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(header: string | undefined, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\s*\d+\s*$/.test(header)) return Number(header);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** "30 seconds", "2 minutes", "1 hour": a wait as a person says it, rounded up. */
export function waitShown(seconds: number): string {
  const [n, unit] = seconds < 90 ? [Math.max(1, seconds), 'second'] : seconds < 90 * 60 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function answered(url: URL, response: IncomingMessage): FetchError {
  const status = response.statusCode ?? 0;
  const reason = `the server answered ${status} ${response.statusMessage ?? ''}`.trim();
  if (status !== 429) return new FetchError(ErrorCode.FetchFailed, `could not fetch ${shown(url)}: ${reason}`, reason, status);
  const wait = retryAfterSeconds(response.headers['retry-after']);
  const asks = wait === null ? '' : ` and asks to wait ${waitShown(wait)}`;
  return new FetchError(ErrorCode.RateLimited, `could not fetch ${shown(url)}: ${reason}${asks}`, `${reason}${asks}`, status, wait);
}

/**
 * Checks a URL against the policy and resolves its host; returns the address to connect to.
 * A private or local address is accepted only when it is itself an allowlist entry: an
 * allowed name that resolves to one (a hijacked or rebinding DNS answer) is refused.
 */
async function check(url: URL, policy: FetchPolicy, signal: AbortSignal): Promise<{ address: string; family: 4 | 6 }> {
  signal.throwIfAborted();
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused(url, 'only http and https addresses are fetched');
  if (url.username || url.password) throw refused(url, 'addresses with a user name or password are not accepted');
  const host = bareHost(url.hostname);
  const entries = policy.allowlist.map(allowlistEntry);
  if (!entries.some((e) => entryMatches(e, host, url))) {
    throw refused(url, `${url.port ? url.host : host} is not on the list of allowed hosts (${policy.allowlist.join(', ')})`);
  }
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await Promise.race([
        (policy.lookup ?? systemLookup)(host),
        new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
      ]);
    } catch (error) {
      if (signal.aborted) throw error;
      throw failed(url, `the name ${host} could not be resolved`, error);
    }
  }
  if (addresses.length === 0) throw failed(url, `the name ${host} could not be resolved`);
  const hidden = addresses.find((a) => !isPublicAddress(a) && !entries.some((e) => e.host === bareHost(a)));
  if (hidden) throw refused(url, `${host} leads to ${hidden}, a private or local address`);
  const address = addresses[0]!;
  return { address, family: isIP(address) === 6 ? 6 : 4 };
}

/** The filename a Content-Disposition header gives, RFC 5987 `filename*` first; without any path. */
function dispositionName(header: string | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*[\w-]+'[^']*'([^;\s]+)/i.exec(header);
  const simple = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  let name: string | undefined;
  try {
    name = extended ? decodeURIComponent(extended[1]!) : (simple?.[1]?.replace(/\\(.)/g, '$1') ?? simple?.[2]);
  } catch {
    name = simple?.[1] ?? simple?.[2];
  }
  return name?.split(/[/\\]/).pop()?.trim() || null;
}

function urlName(url: URL): string | null {
  const segment = url.pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment) || null;
  } catch {
    return segment || null;
  }
}

/** One GET of a checked URL, connecting to the address that was checked. */
function get(url: URL, address: string, family: 4 | 6, signal: AbortSignal): Promise<IncomingMessage> {
  // Hand the socket the checked address instead of resolving the name again: a second
  // resolution could answer differently (DNS rebinding). TLS still verifies the host name.
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { lookup: pinned, signal, agent: false, headers: { 'user-agent': 'Rapporteur' } }, resolve);
    request.on('error', reject);
  });
}

function bytesShown(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
  return n >= 1024 ? `${Math.floor(n / 1024)} KiB` : `${n} bytes`;
}

function transportReason(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'ECONNREFUSED') return 'the server refused the connection';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'the server closed the connection';
  if (/CERT|TLS|SSL/.test(code)) return 'its security certificate could not be verified';
  return 'the connection failed';
}

/**
 * Fetches a document from an allowed host, within the policy's size and time limits,
 * checking every redirect as if it were the first address.
 */
export async function fetchDocument(url: string, policy: FetchPolicy): Promise<FetchedDocument> {
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw refused(url, 'it is not a valid web address');
  }
  const signal = AbortSignal.timeout(policy.timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      const { address, family } = await check(current, policy, signal);
      const response = await get(current, address, family, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location) {
        response.destroy();
        if (redirects === MAX_REDIRECTS) throw failed(current, `it redirected more than ${MAX_REDIRECTS} times`);
        try {
          current = new URL(location, current);
        } catch {
          throw failed(current, 'it redirected to an invalid address');
        }
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw answered(current, response);
      }
      const tooLarge = (): RapporteurError =>
        new RapporteurError(
          ErrorCode.DocumentTooLarge,
          `refused ${shown(current)}: the document is larger than ${bytesShown(policy.maxBytes)}`,
        );
      if (Number(response.headers['content-length']) > policy.maxBytes) {
        response.destroy();
        throw tooLarge();
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > policy.maxBytes) {
          response.destroy(); // stop downloading at once
          throw tooLarge();
        }
        chunks.push(chunk);
      }
      return {
        bytes: new Uint8Array(Buffer.concat(chunks)),
        name: dispositionName(response.headers['content-disposition']) ?? urlName(current) ?? 'document',
        contentType: response.headers['content-type'] ?? null,
        url: current.href,
      };
    }
  } catch (error) {
    if (error instanceof RapporteurError) throw error;
    if (signal.aborted) throw failed(current, `no complete answer within ${policy.timeoutMs / 1000} seconds`, error);
    throw failed(current, transportReason(error), error);
  }
}

import { normalizeSymbol } from './symbols.js';

/**
 * Links to the UN's document hosts, and the symbol a link names. A link that names none
 * (docstore.ohchr.org's encrypted file handles, documents.un.org's job-number PDFs) gives null.
 */

export const DOCUMENT_HOSTS = ['documents.un.org', 'docstore.ohchr.org', 'tbinternet.ohchr.org', 'undocs.org'] as const;

/** Query parameters the hosts carry a symbol in: ODS's `s` and `symbol`, the Treaty Body Database's `symbolno`. */
const SYMBOL_PARAMETERS = ['symbolno', 'symbol', 's', 'FinalSymbol'];

/** undocs.org/en/CMW/C/AZE/CO/3 and undocs.org/CMW/C/AZE/CO/3: the path is the symbol, after a language. */
const LANGUAGE = /^(?:ar|zh|en|fr|ru|es)$/i;

export function isDocumentHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^www\./, '');
  return DOCUMENT_HOSTS.some((d) => h === d || h.endsWith(`.${d}`));
}

export function symbolFromLink(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || !isDocumentHost(url.hostname)) return null;
  const params = new Map([...url.searchParams].map(([k, v]) => [k.toLowerCase(), v]));
  for (const name of SYMBOL_PARAMETERS) {
    const value = params.get(name.toLowerCase());
    const symbol = value ? normalizeSymbol(value) : null;
    if (symbol) return symbol;
  }
  if (url.hostname.toLowerCase().replace(/^www\./, '') !== 'undocs.org') return null;
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] && LANGUAGE.test(parts[0])) parts.shift();
  return parts.length ? normalizeSymbol(parts.join('/')) : null;
}

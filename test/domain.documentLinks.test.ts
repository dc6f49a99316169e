import { describe, expect, it } from 'vitest';
import { isDocumentHost, symbolFromLink } from '../src/domain/documentLinks.js';

describe('links to the UN’s document hosts', () => {
  it.each([
    ['https://undocs.org/CMW/C/AZE/CO/3', 'CMW/C/AZE/CO/3'],
    ['https://undocs.org/en/CMW/C/SR.463', 'CMW/C/SR.463'],
    ['https://undocs.org/Home/Mobile?FinalSymbol=CCPR%2FC%2FGBR%2FCO%2F8&Language=E', 'CCPR/C/GBR/CO/8'],
    ['https://documents.un.org/api/symbol/access?s=E/C.12/2021/SR.34&l=en&t=pdf', 'E/C.12/2021/SR.34'],
    ['https://documents.un.org/symbol-explorer?s=cmw/c/aze/co/3&i=CMW/C/AZE/CO/3_123', 'CMW/C/AZE/CO/3'],
    ['https://tbinternet.ohchr.org/_layouts/15/treatybodyexternal/Download.aspx?symbolno=CMW%2fC%2fSR.463&Lang=en', 'CMW/C/SR.463'],
    ['https://docstore.ohchr.org/SelfServices/FilesHandler.ashx?enc=6QkG1d%2FPPRiCAqhKb7yhsrKXxtcGsT', null],
    ['https://documents.un.org/doc/undoc/gen/g21/282/53/pdf/g2128253.pdf', null],
  ])('%s names %s', (url, symbol) => {
    expect(isDocumentHost(new URL(url).hostname)).toBe(true);
    expect(symbolFromLink(url)).toBe(symbol);
  });

  it('names nothing for another host, a look-alike, another scheme, or text that is not a link', () => {
    for (const text of ['https://example.org/CMW/C/SR.463', 'https://undocs.org.attacker.example/CMW/C/SR.463', 'ftp://undocs.org/CMW/C/SR.463', 'CMW/C/SR.463', 'undocs.org/CMW/C/SR.463']) {
      expect(symbolFromLink(text), text).toBeNull();
    }
    expect(isDocumentHost('undocs.org.attacker.example')).toBe(false);
  });
});

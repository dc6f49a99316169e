import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../src/core/reply.js';
import { CORPUS_DIR } from './corpus/score.js';
import { coreWith, type CoreHarness } from './support/core.js';
import { ENGINES } from './support/stores.js';

/**
 * Follow-up answers from the committees' own layouts: grades read from CCPR's evaluation line,
 * meanings from the legend of a stored cover report, reports on several States parties, CAT's
 * assessments without a letter, and lists of issues kept in the store.
 */

const dir = mkdtempSync(join(tmpdir(), 'fu-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Laid out as CCPR's addenda are; the sections are cut off after the first heading.
const HUNGARY = write(
  'hungary.txt',
  `United Nations

CCPR/C/133/3/Add.2

International Covenant on Civil and Political Rights

Distr.: General

20 December 2021

Human Rights Committee

Report on follow-up to the concluding observations of the Human Rights Committee

Addendum

Evaluation of the information on follow-up to the concluding observations on Hungary

Concluding observations (122nd session):

CCPR/C/HUN/CO/6, 28 and 29 March 2018

Follow-up paragraphs:

46, 48 and 56

Committee’s evaluation:

Additional information required on paragraphs 46[C][B], 48[C] and 56[B]

Paragraph 46: Treatment of aliens, including refugees and asylum seekers
`,
);

const CED_REPORT = (issued: string, gabon: string) => `United Nations

CED/C/27/2

Committee on Enforced Disappearances

Distr.: General

${issued}

Report on follow-up to the concluding observations of the Committee on Enforced Disappearances

A.Gabon

Paragraph 12: Definition of enforced disappearance

Committee’s evaluation

[${gabon}]: Paragraph 12

The Committee has no news of a bill. The Committee considers that the recommendation has not been implemented.

B.Mali

Paragraph 20: Military jurisdiction

Committee’s evaluation

[B]: Paragraph 20

A bill is before parliament. The Committee considers that the recommendation has been partially implemented.
`;
const CED_OLD = write('ced-old.txt', CED_REPORT('1 March 2023', 'D').replace('CED/C/27/2', 'CED/C/24/2'));
const CED_NEW = write('ced-new.txt', CED_REPORT('2 October 2024', 'C'));

const CAT_QPR = write(
  'cat-qpr.txt',
  `United Nations

CAT/C/ARM/QPR/5

Committee against Torture

Distr.: General

4 January 2016

List of issues prior to submission of the fifth periodic report of Armenia

1.In its previous concluding observations (para. 30), the Committee requested the State party to send follow-up information on its recommendations (paras. 14, 15 and 27). Having examined the reply, the Committee considers that the recommendations in paragraphs 15 and 27 have been partially implemented and that the recommendation in paragraph 14 has not been implemented.

2.Please describe the steps taken since then.
`,
);

const COVER = join(CORPUS_DIR, 'follow-up-evaluations/ccpr-c-133-3-cover-2021.txt');
const LIST = join(CORPUS_DIR, 'lists-of-issues/ccpr-c-73-l-hun-2001.txt');

const quotes = (r: Reply) => r.blocks.flatMap((b) => (b.type === 'quote' ? [b.text] : []));
const listItems = (r: Reply) => r.blocks.flatMap((b) => (b.type === 'list' ? b.items.map((i) => i.text) : []));

describe.each(ENGINES)('follow-up answers on %s', (engine) => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await coreWith([COVER, HUNGARY, CED_OLD, CED_NEW, CAT_QPR, LIST], { engine });
  });
  afterAll(async () => h?.cleanup());

  it('gives the grades of the evaluation line, their meaning from the stored legend, and says no assessment text was printed', async () => {
    const r = await h.ask('status of para 46 Hungary');
    expect(r.kind).toBe('answer');
    const [c, b] = quotes(r);
    expect(quotes(r)).toHaveLength(2);
    expect(c).toMatch(/^\[C\] 46: not implemented \(the legend of .*“Reply\/action not satisfactory: /);
    expect(b).toMatch(/^\[B\] 46: partially implemented \(the legend of /);
    expect(c).toContain('the document gives no assessment text for it');
  });

  it('lists the line grades in the overview', async () => {
    const r = await h.ask('status Hungary');
    expect(listItems(r)).toEqual([
      expect.stringMatching(/^46 Treatment of aliens, including refugees and asylum seekers: \[C\] not implemented .*\(evaluation line only\); \[B\] partially implemented/),
      expect.stringMatching(/^48: \[C\] not implemented/),
      expect.stringMatching(/^56: \[B\] partially implemented/),
    ]);
  });

  it('finds a State in a report that covers several, and only that State’s grades', async () => {
    const gabon = await h.ask('status Gabon CED');
    expect(listItems(gabon)).toEqual([expect.stringMatching(/^12 Definition of enforced disappearance: \[C\] not implemented/)]);
    const mali = await h.ask('status of para 20 Mali');
    expect(quotes(mali)).toEqual([expect.stringMatching(/^\[B\] 20: partially implemented\./)]);
  });

  it('answers CAT’s assessments that have no letter', async () => {
    const r = await h.ask('status Armenia');
    // In the order the list of issues assesses them.
    expect(listItems(r)).toEqual(['15: (no letter) partially implemented', '27: (no letter) partially implemented', '14: (no letter) not implemented']);
  });

  it('stores lists of issues as their own kind', async () => {
    const list = await h.store.latest('list-of-issues', 'HUN');
    expect(list).toMatchObject({ symbol: 'CCPR/C/73/L/HUN', committee: 'CCPR', session: 73 });
  });

  it('notices a changed grade of one State in a report on several, against that State’s last evaluation by the same committee', async () => {
    const before = await h.store.evaluationBefore('GAB', '2024-10-02', 'CED');
    expect(before?.symbol).toBe('CED/C/24/2');
    expect(await h.store.evaluationBefore('GAB', '2024-10-02', 'CCPR')).toBeNull();
  });
});

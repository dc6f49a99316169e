import { z } from 'zod';

export const CommitteeCode = z.enum(['CCPR', 'CESCR', 'CERD', 'CEDAW', 'CAT', 'CRC', 'CMW', 'CRPD', 'CED', 'SPT']);
export type CommitteeCode = z.infer<typeof CommitteeCode>;

export interface Committee {
  code: CommitteeCode;
  name: string;
  /** Other names that identify the committee in a title: its treaty, older names. */
  aliases: string[];
  /** The prefix of its document symbols. */
  symbolPrefix: string;
  /**
   * Months the State party has to reply on follow-up, counted from adoption of the
   * concluding observations. Used only when the document itself names no period.
   */
  followUpMonths: number | null;
}

export const COMMITTEES: readonly Committee[] = [
  {
    code: 'CCPR',
    name: 'Human Rights Committee',
    aliases: ['International Covenant on Civil and Political Rights'],
    symbolPrefix: 'CCPR',
    followUpMonths: 24,
  },
  {
    code: 'CESCR',
    name: 'Committee on Economic, Social and Cultural Rights',
    aliases: ['International Covenant on Economic, Social and Cultural Rights'],
    symbolPrefix: 'E/C.12',
    followUpMonths: 24,
  },
  {
    code: 'CERD',
    name: 'Committee on the Elimination of Racial Discrimination',
    aliases: ['International Convention on the Elimination of All Forms of Racial Discrimination'],
    symbolPrefix: 'CERD',
    followUpMonths: 12,
  },
  {
    code: 'CEDAW',
    name: 'Committee on the Elimination of Discrimination against Women',
    aliases: ['Convention on the Elimination of All Forms of Discrimination against Women'],
    symbolPrefix: 'CEDAW',
    followUpMonths: 24,
  },
  {
    code: 'SPT',
    name: 'Subcommittee on Prevention of Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment',
    aliases: ['Subcommittee on Prevention of Torture', 'Optional Protocol to the Convention against Torture'],
    symbolPrefix: 'CAT/OP',
    followUpMonths: null,
  },
  {
    code: 'CAT',
    name: 'Committee against Torture',
    aliases: ['Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment'],
    symbolPrefix: 'CAT',
    followUpMonths: 12,
  },
  {
    code: 'CRC',
    name: 'Committee on the Rights of the Child',
    aliases: ['Convention on the Rights of the Child'],
    symbolPrefix: 'CRC',
    followUpMonths: null,
  },
  {
    code: 'CMW',
    name: 'Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families',
    aliases: ['International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families'],
    symbolPrefix: 'CMW',
    followUpMonths: 24,
  },
  {
    code: 'CRPD',
    name: 'Committee on the Rights of Persons with Disabilities',
    aliases: ['Convention on the Rights of Persons with Disabilities'],
    symbolPrefix: 'CRPD',
    followUpMonths: 12,
  },
  {
    code: 'CED',
    name: 'Committee on Enforced Disappearances',
    aliases: ['International Convention for the Protection of All Persons from Enforced Disappearance'],
    symbolPrefix: 'CED',
    followUpMonths: 12,
  },
];

const byCode = new Map(COMMITTEES.map((c) => [c.code, c]));

export function committeeByCode(code: string): Committee | null {
  return byCode.get(code.toUpperCase() as CommitteeCode) ?? null;
}

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z]+/g, ' ').trim();

/** Names ordered longest first, so the Subcommittee wins over "Convention against Torture". */
const namedEntries = COMMITTEES.flatMap((c) => [c.name, ...c.aliases].map((n) => ({ key: squash(n), code: c.code }))).sort(
  (a, b) => b.key.length - a.key.length,
);

/**
 * The committee whose full name (or treaty) appears in the text. The committee's own
 * name outranks its treaty's name, since a title names the treaty first.
 */
export function committeeFromText(text: string): CommitteeCode | null {
  const hay = ` ${squash(text)} `;
  let best: { code: CommitteeCode; at: number; isName: boolean } | null = null;
  for (const entry of namedEntries) {
    const at = hay.indexOf(` ${entry.key} `);
    if (at < 0) continue;
    const isName = COMMITTEES.some((c) => c.code === entry.code && squash(c.name) === entry.key);
    if (!best || (isName && !best.isName) || (isName === best.isName && at < best.at)) best = { code: entry.code, at, isName };
  }
  return best?.code ?? null;
}

import { z } from 'zod';

export const CommitteeCode = z.enum(['CCPR', 'CESCR', 'CERD', 'CEDAW', 'CAT', 'CRC', 'CMW', 'CRPD', 'CED', 'SPT']);
export type CommitteeCode = z.infer<typeof CommitteeCode>;

export interface Committee {
  code: CommitteeCode;
  name: string;
  /** Other names that identify the committee in a title: its treaty, older names, its French and Spanish names. */
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
    aliases: ['International Covenant on Civil and Political Rights', 'Comité des droits de l’homme', 'Comité de Derechos Humanos', 'Pacte international relatif aux droits civils et politiques', 'Pacto Internacional de Derechos Civiles y Políticos'],
    symbolPrefix: 'CCPR',
    followUpMonths: 24,
  },
  {
    code: 'CESCR',
    name: 'Committee on Economic, Social and Cultural Rights',
    aliases: ['International Covenant on Economic, Social and Cultural Rights', 'Comité des droits économiques, sociaux et culturels', 'Comité de Derechos Económicos, Sociales y Culturales'],
    symbolPrefix: 'E/C.12',
    followUpMonths: 24,
  },
  {
    code: 'CERD',
    name: 'Committee on the Elimination of Racial Discrimination',
    aliases: ['International Convention on the Elimination of All Forms of Racial Discrimination', 'Comité pour l’élimination de la discrimination raciale', 'Comité para la Eliminación de la Discriminación Racial'],
    symbolPrefix: 'CERD',
    followUpMonths: 12,
  },
  {
    code: 'CEDAW',
    name: 'Committee on the Elimination of Discrimination against Women',
    aliases: ['Convention on the Elimination of All Forms of Discrimination against Women', 'Comité pour l’élimination de la discrimination à l’égard des femmes', 'Comité para la Eliminación de la Discriminación contra la Mujer'],
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
    aliases: ['Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment', 'Comité contre la torture', 'Comité contra la Tortura'],
    symbolPrefix: 'CAT',
    followUpMonths: 12,
  },
  {
    code: 'CRC',
    name: 'Committee on the Rights of the Child',
    aliases: ['Convention on the Rights of the Child', 'Comité des droits de l’enfant', 'Comité de los Derechos del Niño', 'Convention relative aux droits de l’enfant', 'Convención sobre los Derechos del Niño'],
    symbolPrefix: 'CRC',
    followUpMonths: null,
  },
  {
    code: 'CMW',
    name: 'Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families',
    aliases: [
      'International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families',
      'Comité pour la protection des droits de tous les travailleurs migrants et des membres de leur famille',
      'Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de sus Familiares',
    ],
    symbolPrefix: 'CMW',
    followUpMonths: 24,
  },
  {
    code: 'CRPD',
    name: 'Committee on the Rights of Persons with Disabilities',
    aliases: ['Convention on the Rights of Persons with Disabilities', 'Comité des droits des personnes handicapées', 'Comité sobre los Derechos de las Personas con Discapacidad'],
    symbolPrefix: 'CRPD',
    followUpMonths: 12,
  },
  {
    code: 'CED',
    name: 'Committee on Enforced Disappearances',
    aliases: ['International Convention for the Protection of All Persons from Enforced Disappearance', 'Comité des disparitions forcées', 'Comité contra la Desaparición Forzada'],
    symbolPrefix: 'CED',
    followUpMonths: 12,
  },
];

const byCode = new Map(COMMITTEES.map((c) => [c.code, c]));

export function committeeByCode(code: string): Committee | null {
  return byCode.get(code.toUpperCase() as CommitteeCode) ?? null;
}

/** Lower-case words without accents: "Comité contre la torture" and "COMITÉ CONTRE LA TORTURE" compare equal. */
const squash = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();

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
  if (best) return best.code;
  // A conversion may glue two words of a long name ("travailleursmigrants"): long names still tell the committee.
  const glued = hay.replace(/ /g, '');
  return namedEntries.find((e) => e.key.length >= 40 && glued.includes(e.key.replace(/ /g, '')))?.code ?? null;
}

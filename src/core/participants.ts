import { countryCode, findCountry } from '../domain/countries.js';

/**
 * Who a speaker is, from how the record introduces them. Records name committee
 * members without affiliation; everyone else has their affiliation in parentheses.
 */
export type Group = 'committee' | 'state' | 'nhri' | 'ngo' | 'un' | 'other';

export const GROUP_NAMES: Record<Group, string> = {
  committee: 'Committee members',
  state: 'State delegation',
  nhri: 'National human rights institution',
  ngo: 'Non-governmental organizations',
  un: 'United Nations bodies',
  other: 'Others',
};

const NHRI = /\bombudsman|\bhuman rights (?:commission|council|defender)|\bcommissioner for human rights\b|\bnational human rights institution|\bdefensor|\bpublic defender|\bpeople['’]s advocate|\bmediator\b/i;
const UN = /\bunited nations\b|\bUNHCR\b|\bUNICEF\b|\bOHCHR\b|\bILO\b|\binternational labour (?:organization|office)\b|\bIOM\b|\binternational organization for migration\b|\bUNDP\b|\bUN Women\b|\bworld health organization\b|\bspecial rapporteur\b/i;
const NGO = /\b(?:centre|center|association|foundation|network|coalition|union|society|institute|forum|alliance|movement|league|federation|watch|amnesty|memorial|NGO|organi[sz]ation|group|initiative|campaign|clinic|for peace|partnership|council|committee of|shadow|civil society)\b/i;
const STATE = /\b(?:ministry|minister|government|permanent mission|department|state secretary|agency|service|embassy|parliament|delegation)\b/i;
const MEMBER = /\bcountry rapporteur\b|\brapporteur\b|\bmember of the committee\b|\bvice-chair|\bchair\b/i;

/** "A representative of Japan", "Un représentant du Japon", "Una representante del Japón": the words before the State. */
const REPRESENTATIVE_OF = /^(?:an?|une?|le|la|el|una)\s+(?:representative|delegate|repr[ée]sentante?|d[ée]l[ée]gu[ée]e?|representante|delegad[oa])\s+(?:of|du|des|de\s+la|de\s+l['’]|del|de)\s*/i;

export function groupOf(speaker: string, role: string | null, phrase: string | null): Group {
  if (/^(?:the\s+(?:temporary\s+|acting\s+|vice-?)?chair|(?:le|la)\s+(?:vice-?)?pr[ée]sidente?|(?:el|la)\s+(?:vice)?president[ae])/i.test(speaker)) return 'committee';
  if (REPRESENTATIVE_OF.test(speaker)) {
    const of = speaker.replace(REPRESENTATIVE_OF, '');
    if (/\bState party\b/i.test(of) || countryCode(of)) return 'state';
    return UN.test(of) ? 'un' : NHRI.test(of) ? 'nhri' : 'ngo';
  }
  if (!role) return phrase && /\bdelegation\b/i.test(phrase) ? 'state' : 'committee';
  if (MEMBER.test(role) && !NGO.test(role)) return 'committee';
  if (NHRI.test(role)) return 'nhri';
  if (UN.test(role)) return 'un';
  if (countryCode(role)) return 'state';
  if (NGO.test(role)) return 'ngo';
  if (STATE.test(role) || findCountry(role)) return 'state';
  return 'other';
}

/** Answers come from those who appear before the committee, not from its members. */
export function answers(group: Group): boolean {
  return group !== 'committee';
}

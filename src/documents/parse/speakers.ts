/**
 * Who opens a paragraph of a summary record. A speaker is a title and a name
 * ("Mr. Corzo Sosa", "Ms. d'Almeida", "Mr. KÄLIN"), an office ("The Chair", "The Temporary
 * Chairperson") or "A representative of X"; then an optional parenthesis (which may nest),
 * an optional phrase set off by commas ("speaking via video link", "noting that ..."),
 * then a verb of speech. Without the verb there is no speaker: "Mr. X was elected" is not one.
 */

export interface SpeakerOpening {
  /** As written, without parenthesis or trailing phrase: "Mr. Safikhanli", "The Chair". */
  speaker: string;
  /** The text inside the parentheses after the name, or null. */
  role: string | null;
  /** The phrase between the name and the verb: "speaking via video link". */
  phrase: string | null;
  /** Where the words reported begin: the verb of speech ("asked whether ..."). */
  verbAt: number;
}

/** French records report speech in the present: "M. Salvioli dit que ...", "Mme X souhaite savoir ...". */
const FRENCH_VERBS = [
  'dit', 'déclare', 'demande', 'remercie', 'souhaite', 'rappelle', 'indique', 'précise', 'propose', 'souligne',
  'note', 'ajoute', 'explique', 'répond', 'invite', 'estime', 'pense', 'considère', 'fait', 'salue', 'félicite',
  'constate', 'affirme', 'signale', 'informe', 'annonce', 'suggère', 'exprime', 'insiste', 'regrette', 'appelle',
  'espère', 'voudrait', 'aimerait', 'désire', 'croit', 'relève', 'prend', 'présente', 'poursuit', 'conclut',
  'reconnaît', 'confirme', 'évoque', 'prie', 'observe', 'partage', 'appuie', 'approuve', 'juge', 'craint',
  'se\\s+félicite', 'se\\s+demande', 'se\\s+dit', 'se\\s+réjouit', "s['’]inquiète", "s['’]enquiert", "s['’]associe",
  'déplore', 'recommande', 'encourage', 'attire', 'revient', 'résume', 'donne', 'cite', 'formule', 'accueille',
];
/** Spanish records too: "El Sr. Salvioli dice que ...", "La Sra. X desea saber ...". */
const SPANISH_VERBS = [
  'dice', 'pregunta', 'declara', 'agradece', 'señala', 'desea', 'indica', 'precisa', 'propone', 'subraya',
  'observa', 'añade', 'explica', 'responde', 'invita', 'considera', 'estima', 'cree', 'celebra', 'felicita',
  'expresa', 'informa', 'anuncia', 'sugiere', 'recuerda', 'insiste', 'lamenta', 'espera', 'quisiera', 'desearía',
  'toma', 'presenta', 'continúa', 'concluye', 'reconoce', 'confirma', 'hace', 'pide', 'solicita', 'enumera',
  'manifiesta', 'afirma', 'destaca', 'entiende', 'comparte', 'apoya', 'da', 'acoge', 'recomienda', 'alienta',
  'se\\s+felicita', 'se\\s+pregunta', 'se\\s+congratula', 'se\\s+suma', 'menciona', 'plantea', 'advierte',
];

const TITLES = String.raw`(?:Mr|Ms|Mrs|Miss|Mme|Mlle|Dr|Sir|Dame|Lord|Lady|Prof|Professor|Judge|Justice|Ambassador|Archbishop|Bishop|Monsignor|Msgr|Sheikh|Sheikha|H\.\s?E)\.?`;
/**
 * French and Spanish titles: "M.", "Mme" (split "M me" by conversions), "Mlle", "Sr.", "Sra.", "Srta.";
 * Spanish records put the article first ("La Sra. WEDGWOOD", "El Sr. Salvioli").
 */
const TITLES_FR_ES = String.raw`(?:(?:El|La)\s+)?(?:Sr|Sra|Srta|Dr|Dra)\.|M\.|M\s?me\b|Mlle\b`;
const PARTICLE = String.raw`(?:de|da|di|do|dos|das|del|della|der|den|van|von|le|la|du|bin|ben|bint|al|el|y|e|ter|ten|zu|af|ibn|abu|mac|st\.)`;
const CAPITALIZED = String.raw`(?:[\p{Lu}][\p{L}\p{M}'’.]*(?:-[\p{L}\p{M}'’]+)*|(?:[dDlL]|[aA]l|[eE]l)['’-][\p{Lu}][\p{L}\p{M}'’-]*)`;
const NAME = String.raw`(?:${PARTICLE}\s+)*${CAPITALIZED}(?:\s+(?:${PARTICLE}\s+)*${CAPITALIZED}){0,5}`;
// "The\s*": conversions that lost the spaces of a line print "TheChairperson".
const OFFICE = String.raw`(?:The|THE)\s*(?:(?:Temporary|TEMPORARY|Acting|ACTING|Vice-?|VICE-?|Co-|CO-|First\s+Vice-|Deputy)\s*)?(?:Chair(?:person|man|woman)?|CHAIR(?:PERSON|MAN|WOMAN)?|President|PRESIDENT|Secretary(?:\s+of\s+the\s+Committee)?|Rapporteur|Country\s+Rapporteur)`;
/** "Le Président", "La PRÉSIDENTE", "Le Président provisoire", "El PRESIDENTE", "La Presidenta", "La Relatora". */
const OFFICE_FR_ES = String.raw`(?:Le|La|LE|LA|El|EL)\s+(?:Vice-?\s?)?(?:Pr[ée]sident(?:e)?|PR[ÉE]SIDENT(?:E)?|Rapporteur(?:se)?|Secr[ée]taire(?:\s+du\s+Comit[ée])?|President[ae]|PRESIDENT[AE]|Vicepresident[ae]|Relator(?:a)?|Secretari[oa](?:\s+del\s+Comit[ée])?)(?:\s+(?:provisoire|par\s+int[ée]rim|provisional|interin[oa]))?`;
const REPRESENTATIVE = String.raw`(?:A|The|An?\s+other)\s+(?:representative|delegate|member\s+of\s+the\s+delegation|speaker)\s+(?:of|for|from)\s+[^,(]{2,120}?`;
/** "Un représentant du Japon", "Une représentante de la France", "Un representante del Japón", "La representante de Chile". */
const REPRESENTATIVE_FR_ES = String.raw`(?:Un|Une|Le|La|Una|El)\s+(?:repr[ée]sentante?|d[ée]l[ée]gu[ée]e?|membre\s+de\s+la\s+d[ée]l[ée]gation|representante|delegad[oa]|miembro\s+de\s+la\s+delegaci[oó]n)\s+(?:du|des|de\s+la|de\s+l['’]|de|del|de\s+los|de\s+las)\s*[^,(]{2,120}?`;
const REPRESENTATIVE_VERB = ['said', 'asked', 'noted', 'stated', 'explained', 'added', 'replied', ...FRENCH_VERBS, ...SPANISH_VERBS].join('|');

const OPENING = new RegExp(
  `^(?:((?:${TITLES}|${TITLES_FR_ES})\\s*${NAME})|(${OFFICE}|${OFFICE_FR_ES})(?![\\p{L}-])|(${REPRESENTATIVE}|${REPRESENTATIVE_FR_ES})(?=\\s*[,(]|\\s+(?:${REPRESENTATIVE_VERB})(?![\\p{L}])))`,
  'u',
);

/** Verbs (and modal openings) with which a record reports speech. */
const VERBS = [
  'said', 'asked', 'wondered', 'would', 'wished', 'welcomed', 'thanked', 'noted', 'expressed', 'enquired',
  'inquired', 'requested', 'recalled', 'stressed', 'emphasized', 'emphasised', 'pointed', 'observed', 'added',
  'agreed', 'suggested', 'proposed', 'commended', 'drew', 'explained', 'replied', 'responded', 'invited',
  'announced', 'declared', 'concluded', 'reiterated', 'urged', 'echoed', 'congratulated', 'took', 'informed',
  'recommended', 'highlighted', 'underlined', 'underscored', 'referred', 'sought', 'raised', 'presented',
  'introduced', 'reported', 'confirmed', 'clarified', 'acknowledged', 'assured', 'commented', 'continued',
  'paid', 'shared', 'endorsed', 'supported', 'opposed', 'objected', 'questioned', 'queried', 'regretted',
  'deplored', 'hoped', 'believed', 'considered', 'felt', 'understood', 'indicated', 'stated', 'remarked',
  'mentioned', 'affirmed', 'described', 'outlined', 'summarized', 'summarised', 'reminded', 'encouraged',
  'called', 'proceeded', 'opened', 'closed', 'read', 'associated', 'insisted', 'argued', 'maintained',
  'contended', 'submitted', 'reviewed', 'praised', 'apologized', 'apologised', 'greeted', 'told', 'passed', 'listed',
  'went', 'conveyed', 'answered', 'provided', 'cited', 'quoted', 'turned', 'returned', 'wanted', 'warned', 'cautioned',
  'recognized', 'recognised', 'accepted', 'admitted', 'elaborated', 'specified', 'detailed', 'illustrated', 'appealed',
  'reaffirmed', 'restated', 'repeated', 'appreciated', 'saluted', 'briefed', 'updated', 'notified', 'apprised', 'gave',
  'voiced', 'concurred', 'seconded', 'nominated', 'doubted', 'feared', 'complained', 'disagreed', 'spoke', 'made',
  'offered', 'singled', 'set', 'put',
  ...FRENCH_VERBS,
  ...SPANISH_VERBS,
  String.raw`was\s+(?:not\s+)?(?:concerned|pleased|grateful|interested|surprised|disappointed|curious|unclear|sure|sorry|glad|happy|keen|eager|aware|troubled|alarmed|encouraged|heartened|struck|puzzled|confident|convinced|of the view|of the opinion)`,
];
const ADVERB = String.raw`(?:(?:also|further|then|again|finally|lastly|likewise|moreover|subsequently|similarly|también|asimismo|además|finalmente|luego|por\s+último)\s+)?`;
const VERB = `${ADVERB}(?:${[...new Set(VERBS)].join('|')})\\b`;
const DIRECT_VERB = new RegExp(`^,?\\s*${VERB}`);
const INTERPOSED_VERB = new RegExp(`,\\s+${VERB}`, 'g');

/** The text of a balanced parenthesis at the start of `text`, and what follows it. */
function leadingParenthesis(text: string): { inner: string; rest: string } | null {
  if (!text.startsWith('(')) return null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return { inner: text.slice(1, i).trim(), rest: text.slice(i + 1) };
  }
  return null;
}

/** The speaker opening `text`, or null when the paragraph does not open with one. */
export function detectSpeaker(text: string): SpeakerOpening | null {
  const m = OPENING.exec(text);
  if (!m) return null;
  // "M me Medina Quiroga": a conversion split the title.
  const speaker = (m[1] ?? m[2] ?? m[3]!).replace(/\s+/g, ' ').trim().replace(/^M me\b/, 'Mme');
  let rest = text.slice(m[0].length).trimStart();
  let role: string | null = null;
  const paren = leadingParenthesis(rest);
  if (paren) {
    role = paren.inner.replace(/\s+/g, ' ') || null;
    rest = paren.rest;
  }
  const restAt = text.length - rest.length;
  const direct = DIRECT_VERB.exec(rest);
  if (direct) return { speaker, role, phrase: null, verbAt: restAt + direct[0].length - direct[0].replace(/^,?\s*/, '').length };
  // ", speaking via video link, said": a phrase set off by commas, within one sentence.
  // French may open the phrase without the comma: "Le Président provisoire s’exprimant au nom de ..., déclare".
  if (!/^,\s*[\p{Ll}]/u.test(rest) && !/^(?:s['’])?\p{Ll}+ant\s/u.test(rest)) return null;
  const window = rest.slice(0, 600);
  const sentenceEnd = window.search(/(?<!\b(?:Mr|Ms|Mrs|Dr|Prof|No|St|Messrs|Mmes|Mme|Mlle|M|Sr|Sra|Srta|e\.g|i\.e))[.!?]\s+[\p{Lu}]/u);
  for (const v of window.matchAll(INTERPOSED_VERB)) {
    if (v.index === 0 && rest.startsWith(',')) continue;
    if (sentenceEnd >= 0 && v.index > sentenceEnd) break;
    return { speaker, role, phrase: rest.slice(rest.startsWith(',') ? 1 : 0, v.index).trim(), verbAt: restAt + v.index + v[0].length - v[0].replace(/^,\s+/, '').length };
  }
  return null;
}

/** Lines that record the meeting's business, not anyone's words: they end an intervention. */
const PROCEDURAL = [
  /^At the invitation of the Chair/i,
  /^(?:The|A)\s+(?:delegation|representatives?|members? of the delegation)\b[^.]{0,200}\b(?:withdrew|joined|took (?:places|seats|a place)|left)\b/i,
  /^(?:The )?(?:meeting|Committee) (?:was|rose|resumed|suspended|continued|began)\b/i,
  // Bounded but dot-blind: a symbol such as "CAT/C/60/R.1" may stand between subject and verb.
  /^(?:The )?(?:provisional agenda|agenda|decision|draft)\b[^]{0,160}?\bwas (?:adopted|approved)\b/i,
  /^I\s?t was so decided\.?$/i,
  /^(?:A|The)\s+(?:video|film|minute of silence|moment of silence)\b[^]{0,200}?\b(?:was|were)\s+(?:projected|shown|screened|observed)\b/i,
  // French and Spanish: "Sur l’invitation du Président, ...", "Por invitación de la Presidenta, ...".
  /^(?:Sur|À|A)\s+l\s?['’]\s?invitation\s+d/i,
  /^Por\s+invitaci[oó]n\s+de/i,
  /^(?:Le|La|Les|L['’])\s*(?:paragraphes?|chapitres?|projets?|ordre\s+du\s+jour|textes?|documents?|d[ée]cisions?|rapports?|sections?)\b[^]{0,200}?\b(?:est|sont)\s+adopt[ée]/iu,
  /^Il\s+en\s+est\s+ainsi\s+d[ée]cid[ée]\.?$/iu,
  /^Quedan?\s+aprobad[oa]s?\b/i,
  /^As[ií]\s+queda\s+(?:acordado|decidido)\.?$/i,
  /^(?:La|Le)\s+(?:s[ée]ance|d[ée]l[ée]gation)\b[^.]{0,200}\b(?:se\s+retire|prend\s+place|reprend\s+place|est\s+suspendue|reprend)\b/iu,
];

export function isProcedural(text: string): boolean {
  return PROCEDURAL.some((re) => re.test(text));
}

/**
 * A key under which the same person's name compares equal: no title, case or diacritics.
 * "Mr. Salvioli", "M. Salvioli", "Sr. Salvioli" and "El Sr. Salvioli" are one person, as are
 * "Ms. Motoc", "Mme Motoc", "M me Motoc" and "La Sra. Motoc".
 */
export function speakerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/^(?:el|la)\s+(?=(?:sr|sra|srta|dr|dra)\b)/, '')
    .replace(/^(?:mr|ms|mrs|miss|m\s?me|mlle|m|sr|sra|srta|dr|dra|sir|dame|prof|professor)(?:\.\s*|\s+)/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Questions typed in French or Spanish, read into the English cue words the intent parser
 * knows: "statut du paragraphe 36 Azerbaïdjan" is "status du para 36 Azerbaïdjan", "¿qué dijo
 * el Sr. Salvioli?" is "what did Sr. Salvioli say". Only the cue words change: names, places,
 * numbers and the words searched for stay as typed. Accents are optional, as users often type
 * without them.
 */

/** A word's letters, each vowel (and c, n) with or without its accents. */
const ACCENTED: Record<string, string> = { a: '[aáàâ]', e: '[eéèêë]', i: '[iíîï]', o: '[oóô]', u: '[uúùû]', c: '[cç]', n: '[nñ]' };
const loose = (words: string): string => words.replace(/[aeiouc n]/g, (ch) => (ch === ' ' ? '\\s+' : ACCENTED[ch]!));
const any = (...words: string[]): string => `(?:${words.map(loose).join('|')})`;
const rx = (source: string): RegExp => new RegExp(source, 'iu');

/** Word edges that know accented letters (\\b does not: "é" is no word character to it). */
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?=[\\s?!.,;:]|$)';
/** "n° 3279", "no. 3279", "nº 1840". */
const NUMERO = '(?:n\\s*(?:[°º]|o\\.?|\\.)\\s*)?';
/** "sur la détention", "sobre la detención": what a speaker question narrows to. */
const ABOUT = rx(`\\s+${any('sur', 'au sujet de', 'a propos de', 'concernant', 'sobre', 'acerca de', 'respecto de', 'en cuanto a')}\\s+`);

const SAY = any('dit', 'declare', 'affirme', 'souligne', 'indique', 'fait valoir', 'repondu', 'explique', 'dijo', 'declaro', 'senalo', 'afirmo', 'indico', 'respondio', 'explico', 'ha dicho', 'ha declarado');
const ASK = any('demande', 'pose', 'voulu savoir', 'souhaite savoir', 'pregunto', 'ha preguntado', 'quiso saber', 'deseaba saber', 'deseo saber');

/** "qu'a dit X", "qu'a demandé X", "qu'est-ce que X a dit", "qué dijo el Sr. X", "qué preguntó la Sra. X". */
const SPEAKER_FORMS: RegExp[] = [
  rx(`^qu['’]\\s*(?:a|ont)(?:\\s*-?\\s*t\\s*-?\\s*(?:il|elle))?\\s+(?:(?<say>${SAY})|(?<ask>${ASK}))\\s+(?<who>.+)$`),
  rx(`^qu['’]\\s*est\\s*-?\\s*ce\\s+qu(?:e\\s+|['’]\\s*)(?<who>.+?)\\s+a\\s+(?:(?<say>${SAY})|(?<ask>${ASK}))(?<rest>.*)$`),
  rx(`^qu${loose('e')}\\s+(?:(?<say>${SAY})|(?<ask>${ASK}))\\s+(?<who>.+)$`),
];

/** An article before a topic: "sur la détention" is about détention. */
const ARTICLE = `(?:${any('les', 'le', 'la', 'l', 'des', 'du', 'el', 'los', 'las')}(?:\\s+|['’]\\s*))?`;

/** Numbers a question names by their French or Spanish words: paragraphs, meetings, sessions. */
const NUMBERED: Array<[RegExp, string]> = [
  // "paragraphe 36", "recommandation n° 36", "párrafo 36": a paragraph number.
  [rx(`${START}${any('paragraphes', 'paragraphe', 'recommandations', 'recommandation', 'parrafos', 'parrafo', 'recomendaciones', 'recomendacion')}\\s*${NUMERO}(?=\\d)`), 'para '],
  // "la 3279e séance", "séance n° 3279", "la 1840ª sesión", "sesión 1840": a meeting (a Spanish "sesión" is a meeting).
  [rx(`${START}(\\d{1,5})\\s*(?:e|${loose('eme')}|${loose('ere')}|re|[ªºa°])?\\s+${any('seance', 'sesion')}${END}`), 'meeting $1'],
  [rx(`${START}${any('seance', 'sesion')}\\s+${NUMERO}(\\d{1,5})\\s*(?:e|${loose('eme')}|[ªºa°])?${END}`), 'meeting $1'],
  // "99e session", "71º período de sesiones": a session.
  [rx(`${START}(\\d{1,3})\\s*(?:e|${loose('eme')}|${loose('ere')}|re)\\s+session${END}`), 'session $1'],
  [rx(`${START}(\\d{1,3})\\s*[ºo°]?\\s+${loose('periodo de sesiones')}${END}`), 'session $1'],
  [rx(`${START}${loose('periodo de sesiones')}\\s+${NUMERO}(\\d{1,3})${END}`), 'session $1'],
];

/** Cue words anywhere in a question (not a search), and the English they stand for. */
const WORDS: Array<[RegExp, string]> = [
  ...NUMBERED,
  [rx(`${START}${any('resume', 'compte rendu', 'synthese', 'recapitulatif', 'resumen', 'resumir', 'sintesis', 'acta resumida', 'acta')}${END}`), 'summary'],
  [rx(`${START}${any('echeances', 'echeance', 'delais', 'delai', 'dates limites', 'date limite', 'plazos', 'plazo', 'fechas limite', 'fecha limite', 'vencimientos')}${END}`), 'deadlines'],
  [rx(`${START}${any('en retard', 'depasses', 'depassees', 'vencidos', 'vencidas', 'atrasados', 'atrasadas', 'en mora')}${END}`), 'overdue'],
  [rx(`${START}${any('a venir', 'prochaines', 'prochains', 'proximos', 'proximas')}${END}`), 'upcoming'],
  [rx(`${START}${any('dans les', 'dans', 'en los', 'en las', 'en', 'd\\s*ici')}\\s+(\\d{1,4})\\s+${any('jours', 'jour', 'dias', 'dia')}${END}`), 'in $1 days'],
  [rx(`${START}${any('dans les', 'dans', 'en los', 'en las', 'en')}\\s+(\\d{1,4})\\s+semaines?${END}`), 'in $1 weeks'],
  [rx(`${START}${any('dans les', 'dans', 'en los', 'en las', 'en')}\\s+(\\d{1,4})\\s+${any('mois', 'meses', 'mes')}${END}`), 'in $1 months'],
  [rx(`${START}${any('cette semaine', 'esta semana')}${END}`), 'this week'],
  [rx(`${START}${any('ce mois-ci', 'ce mois', 'este mes')}${END}`), 'this month'],
  [rx(`${START}${any('documentos')}${END}`), 'documents'],
  // "interventions de M. X", "preguntas de la Sra. X".
  [rx(`${START}${any('interventions', 'intervention', 'intervenciones', 'intervencion')}\\s+${any('de la', 'del', 'de', 'du')}\\s+`), 'interventions by '],
  [rx(`${START}${any('questions', 'preguntas')}\\s+${any('de la', 'del', 'de', 'du')}\\s+`), 'questions by '],
  [rx(`${START}${any('declarations', 'declaraciones')}\\s+${any('de la', 'del', 'de', 'du')}\\s+`), 'statements by '],
];

/**
 * At the start of a question only: "statut", "état", "estado" also mean a State ("État
 * partie", "Estado Plurinacional de Bolivia"), which must stay a name.
 */
const NOT_A_STATE = `(?!\\s+(?:${any('partie', 'parte', 'plurinational', 'plurinacional', 'libre', 'independiente', 'independant', 'de palestine', 'de palestina')})(?![\\p{L}]))`;
const STARTS: Array<[RegExp, string]> = [
  [rx(`^${any('aide', 'ayuda')}${END}`), 'help'],
  [rx(`^(?:${any('quel est le', 'quel est l', 'ou en est', 'cual es el', 'cual es la')}\\s*['’]?\\s*)?${any('statut', 'etat d avancement', 'etat', 'suivi', 'estado', 'situacion', 'seguimiento')}${NOT_A_STATE}${END}`), 'status'],
  [rx(`^qui\\s+(?:a|ont)\\s+${any('parle', 'evoque', 'aborde', 'mentionne', 'souleve')}\\s+(?:${any('de', 'd', 'sur')}(?:\\s+|['’]\\s*))?${ARTICLE}`), 'who spoke about '],
  [rx(`^${any('quien', 'quienes')}\\s+${any('hablo', 'hablaron', 'menciono', 'mencionaron', 'se refirio', 'se refirieron', 'planteo')}\\s+(?:${any('de', 'sobre', 'acerca de', 'a')}\\s+)?${ARTICLE}`), 'who spoke about '],
];

/** "cherche détention des enfants", "buscar detención de niños": the rest is what is searched, word for word. */
const SEARCH = rx(`^${any('chercher', 'cherche', 'cherchez', 'rechercher', 'recherche', 'recherchez', 'trouver', 'trouve', 'buscar', 'busca', 'busque', 'busqueda de', 'busqueda', 'encontrar', 'encuentra')}${END}\\s*:?\\s*`);

const AT_MEETING = rx(`\\s+(?:${any('a la', 'lors de la', 'pendant la', 'au cours de la', 'de la', 'en la', 'durante la', 'en')}\\s+)?meeting (\\d{1,5})`);
/** Each cue replaced wherever it stands: compiled once, not on every question. */
const everywhere = (list: Array<[RegExp, string]>): Array<[RegExp, string]> => list.map(([re, english]) => [new RegExp(re.source, 'giu'), english]);
const NUMBERED_EVERYWHERE = everywhere(NUMBERED);
const WORDS_EVERYWHERE = everywhere(WORDS);
const numbered = (text: string): string => NUMBERED_EVERYWHERE.reduce((out, [re, english]) => out.replace(re, english), text);

/** A speaker question in French or Spanish, as the English one the parser reads ("à la séance 2701" kept as a meeting). */
function speakerQuestion(text: string): string | null {
  for (const form of SPEAKER_FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const { ask, who: person, rest } = m.groups!;
    // "à la séance 2701", "en la sesión 1840": the meeting goes last, where the English has it.
    const spoken = numbered(`${person!} ${rest ?? ''}`.trim());
    const meeting = AT_MEETING.exec(spoken);
    const said = meeting ? `${spoken.slice(0, meeting.index)}${spoken.slice(meeting.index + meeting[0].length)}` : spoken;
    const about = ABOUT.exec(said);
    const who = about ? said.slice(0, about.index) : said;
    const topic = about ? said.slice(about.index + about[0].length) : undefined;
    const name = who.replace(/^(?:el|la|le)\s+(?=(?:Sr|Sra|Srta|Dr|Dra|M|Mme|Mlle)\b)/iu, '').replace(/[\s?!.]+$/u, '');
    const subject = topic ? ` about ${topic.replace(new RegExp(`^${ARTICLE}`, 'iu'), '').replace(/[\s?!.]+$/u, '')}` : '';
    const at = meeting ? ` at meeting ${meeting[1]}` : '';
    return `what did ${name} ${ask ? 'ask' : 'say'}${subject}${at}`;
  }
  return null;
}

/** The question with its French or Spanish cue words in English; an English question keeps every word. */
export function inEnglishCues(question: string): string {
  // "¿…?" and French spacing before "?": neither is part of any word.
  const text = question.replace(/[¿¡]/gu, ' ').replace(/\s+([?!:;])/gu, '$1').replace(/\s+/g, ' ').trim();
  const search = SEARCH.exec(text);
  if (search) return `search ${text.slice(search[0].length)}`;
  const spoken = speakerQuestion(text);
  if (spoken) return spoken;
  let out = text;
  for (const [re, english] of STARTS) out = out.replace(re, english);
  for (const [re, english] of WORDS_EVERYWHERE) out = out.replace(re, english);
  return out;
}

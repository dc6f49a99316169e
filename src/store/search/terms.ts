/** Words of a user's search, each searched as text: no quotes, operators or wildcards reach the engine. */
export function searchTerms(query: string): string[] {
  return (foldAccents(query).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
}

/** "Ünver" and "Unver", "œuvre" and "oeuvre" search alike on both engines. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[œŒæÆ]/g, (l) => LIGATURES[l]!);
}

const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'Oe', æ: 'ae', Æ: 'Ae' };

/**
 * Function words of English, French and Spanish, folded: a search does not need them to match
 * ("détention des enfants" finds "détention d'enfants"). Words that are also content words in
 * another of the three languages stay searchable: "un" (the UN), "son", "sin", "con".
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  // English
  'the', 'of', 'and', 'in', 'to', 'a', 'an', 'on', 'for', 'by', 'with', 'at', 'or', 'is', 'was', 'that', 'its', 'as', 'from',
  'be', 'are', 'were', 'this', 'it', 'there',
  // French
  'le', 'la', 'les', 'l', 'de', 'des', 'du', 'd', 'au', 'aux', 'une', 'et', 'ou', 'en', 'dans', 'sur', 'par', 'pour', 'avec',
  'sans', 'ce', 'cette', 'ces', 'se', 'sa', 'ses', 'leur', 'leurs', 'qui', 'que', 'qu', 'est', 'sont', 'ont', 'il', 'elle',
  // Spanish
  'el', 'los', 'las', 'del', 'al', 'una', 'unos', 'unas', 'y', 'o', 'e', 'u', 'por', 'para', 'su', 'sus', 'es', 'lo', 'como',
  'sobre', 'entre',
]);

/** The words a search must match: its function words only when it has nothing else. */
export function tellingTerms(terms: readonly string[]): string[] {
  const telling = terms.filter((t) => !FUNCTION_WORDS.has(t.toLowerCase()));
  return telling.length ? telling : [...terms];
}

/**
 * The singular and plural forms a word may take in English, French or Spanish, folded and in
 * lower case, the word itself first: "enfants" gives "enfant", "detencion" gives
 * "detenciones", "nationaux" gives "national". Where the engine does not stem (SQLite),
 * searching every form lets "niño" find "niños"; no language is guessed, so forms that are
 * no word are simply never found. Short words and numbers keep their one form.
 */
export function wordForms(term: string): string[] {
  const w = term.toLowerCase();
  if (w.length < 4 || /\d/.test(w)) return [w];
  const forms = [w];
  const add = (f: string) => {
    if (f.length >= 3 && !forms.includes(f)) forms.push(f);
  };
  if (w.endsWith('aux')) add(`${w.slice(0, -3)}al`);
  else if (/[ae]ux$/.test(w)) add(w.slice(0, -1));
  else if (w.endsWith('ies')) add(`${w.slice(0, -3)}y`);
  else if (w.endsWith('ces')) {
    add(`${w.slice(0, -3)}z`);
    add(w.slice(0, -1));
  } else if (w.endsWith('es')) {
    add(w.slice(0, -1));
    add(w.slice(0, -2));
  } else if (w.endsWith('s')) add(w.slice(0, -1));
  else if (w.endsWith('al')) {
    add(`${w}s`);
    add(`${w.slice(0, -2)}aux`);
  } else if (/[ae]u$/.test(w)) add(`${w}x`);
  else if (/[^aeiouy]y$/.test(w)) add(`${w.slice(0, -1)}ies`);
  else if (w.endsWith('z')) add(`${w.slice(0, -1)}ces`);
  else {
    add(`${w}s`);
    if (/[^aeious]$/.test(w)) add(`${w}es`);
  }
  return forms;
}

/** What every form of a word begins with, to find the word in a paragraph's text whatever its form. */
export function wordStem(term: string): string {
  const forms = wordForms(term);
  let stem = forms[0]!;
  for (const f of forms) while (!f.startsWith(stem)) stem = stem.slice(0, -1);
  return stem.length >= 3 ? stem : forms[0]!;
}

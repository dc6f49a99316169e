import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';
import countries from 'i18n-iso-countries';
import type { Countries } from 'world-countries';

/**
 * Country names in English, French and Spanish, official long names, UN-style inverted names
 * ("Bolivia (Plurinational State of)"), demonyms and ISO codes, all mapped to ISO 3166-1
 * alpha-3 through two maintained data sets: world-countries (names and their translations,
 * demonyms, UN membership) and i18n-iso-countries (further variants in each locale).
 */

const require = createRequire(import.meta.url);
/** The committees' working languages, as each library names them. */
const LOCALES = [
  { iso: 'en', world: null },
  { iso: 'fr', world: 'fra' },
  { iso: 'es', world: 'spa' },
] as const;
for (const l of LOCALES) countries.registerLocale(require(`i18n-iso-countries/langs/${l.iso}.json`));
// world-countries declares an ES default export but ships CommonJS; require reads it as shipped.
const worldCountries = require('world-countries') as Countries;

/** Lower case, no diacritics or punctuation, no leading article ("the", "le", "la", "les", "l’"). */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/(?<![a-z])l[’'`](?=[a-z])/g, '')
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^(?:the|le|la|les) /, '');
}

/** "Bolivia, Plurinational State of" and "Bolivia (Plurinational State of)" read as "Plurinational State of Bolivia". */
function uninvert(name: string): string | null {
  const m = /^(.+?)\s*(?:,|\()\s*(.+? of(?: the)?)\)?$/i.exec(name.trim());
  return m ? `${m[2]} ${m[1]}` : null;
}

interface Entry {
  code: string;
  rank: number;
}

interface CountryIndex {
  byKey: Map<string, Entry>;
  /** Keys safe to look for in running text: names of States that can be parties to treaties. */
  textPattern: RegExp;
  names: Map<string, string>;
}

let index: CountryIndex | null = null;

/** States that may be parties: UN members, the two observer States, and the Cook Islands and Niue (parties to several treaties). */
const OBSERVER_STATES = new Set(['VAT', 'PSE', 'COK', 'NIU']);

function build(): CountryIndex {
  const byKey = new Map<string, Entry>();
  const textKeys = new Set<string>();
  const names = new Map<string, string>();
  const add = (raw: string | undefined, code: string, rank: number, inText: boolean): void => {
    if (!raw) return;
    for (const variant of [raw, uninvert(raw), raw.replace(/\s*\([^)]*\)\s*$/, '')]) {
      if (!variant) continue;
      const key = normalizeName(variant);
      if (!key) continue;
      const existing = byKey.get(key);
      if (!existing || existing.rank > rank) byKey.set(key, { code, rank });
      if (inText && key.length >= 4) textKeys.add(key);
    }
  };
  for (const c of worldCountries) {
    const party = c.unMember || OBSERVER_STATES.has(c.cca3);
    names.set(c.cca3, c.name.common);
    add(c.cca3, c.cca3, 0, false);
    add(c.cca2, c.cca3, 1, false);
    add(c.name.common, c.cca3, 0, party);
    add(c.name.official, c.cca3, 0, party);
    for (const alt of c.altSpellings) add(alt, c.cca3, 1, party && alt.length > 3);
    // Another language's name never displaces an English one that is spelt the same.
    for (const l of LOCALES) {
      const t = l.world ? c.translations[l.world] : undefined;
      add(t?.common, c.cca3, 2, party);
      add(t?.official, c.cca3, 2, party);
    }
    add(c.demonyms?.eng?.m, c.cca3, 3, false);
    add(c.demonyms?.eng?.f, c.cca3, 3, false);
  }
  for (const l of LOCALES) {
    for (const [alpha2, variants] of Object.entries(countries.getNames(l.iso, { select: 'all' }))) {
      const code = countries.alpha2ToAlpha3(alpha2);
      if (!code) continue;
      const party = worldCountries.some((c) => c.cca3 === code && (c.unMember || OBSERVER_STATES.has(code)));
      for (const v of variants) add(v, code, l.iso === 'en' ? 2 : 3, party && v.length > 3);
    }
  }
  // Keys only checked against the text by word; longest first so "Equatorial Guinea" beats "Guinea".
  const sorted = [...textKeys].filter((k) => byKey.has(k)).sort((a, b) => b.length - a.length);
  const textPattern = new RegExp(`(?:^| )(${sorted.join('|')})(?= |$)`);
  return { byKey, textPattern, names };
}

function getIndex(): CountryIndex {
  index ??= build();
  return index;
}

/** The alpha-3 code of a country named, coded (alpha-2 or alpha-3) or described by its demonym; null if unknown. */
export function countryCode(input: string): string | null {
  const key = normalizeName(input);
  return key ? (getIndex().byKey.get(key)?.code ?? null) : null;
}

/** The first State named in running text ("...report of the Plurinational State of Bolivia"), or null. */
export function findCountry(text: string): string | null {
  const { textPattern, byKey } = getIndex();
  const m = textPattern.exec(normalizeName(text));
  return m ? (byKey.get(m[1]!)?.code ?? null) : null;
}

/** A readable English name for an alpha-3 code. */
export function countryName(code: string): string | null {
  return getIndex().names.get(code.toUpperCase()) ?? null;
}

export function isCountryCode(code: string): boolean {
  return getIndex().names.has(code.toUpperCase());
}

let byLength: Map<number, Array<[string, Entry]>> | null = null;

/** Names of four letters or more whose length is within `slack` of `length`. */
function namesOfLength(length: number, slack: number): Array<[string, Entry]> {
  if (!byLength) {
    byLength = new Map();
    for (const [name, entry] of getIndex().byKey) {
      if (name.length >= 4) byLength.set(name.length, [...(byLength.get(name.length) ?? []), [name, entry]]);
    }
  }
  const out: Array<[string, Entry]> = [];
  for (let n = length - slack; n <= length + slack; n++) out.push(...(byLength.get(n) ?? []));
  return out;
}

/**
 * States whose name is within a few letters of a word ("Azerbajan"), nearest first, for a
 * mistyped name: at most one letter off in a short name, two in one of eight letters or more.
 */
export function countriesNear(word: string): Array<{ code: string; name: string; distance: number }> {
  const key = normalizeName(word);
  if (key.length < 4) return [];
  // Questions reuse their words: each is compared with every name once.
  const known = nearCache.get(key);
  if (known) return known;
  const found = nearestNames(key);
  if (nearCache.size >= NEAR_CACHE_SIZE) nearCache.delete(nearCache.keys().next().value!);
  nearCache.set(key, found);
  return found;
}

const NEAR_CACHE_SIZE = 10_000;
const nearCache = new Map<string, Array<{ code: string; name: string; distance: number }>>();

function nearestNames(key: string): Array<{ code: string; name: string; distance: number }> {
  const allowed = key.length >= 8 ? 2 : 1;
  const best = new Map<string, number>();
  for (const [name, entry] of namesOfLength(key.length, allowed)) {
    const d = distance(key, name);
    if (d <= allowed && d < (best.get(entry.code) ?? Infinity)) best.set(entry.code, d);
  }
  return [...best]
    .map(([code, d]) => ({ code, name: countryName(code) ?? code, distance: d }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
}

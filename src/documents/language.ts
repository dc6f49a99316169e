import { franc } from 'franc-min';
import { z } from 'zod';

/** The six official languages of the United Nations, as the documents are issued in them. */
export const Language = z.enum(['en', 'fr', 'es', 'ar', 'zh', 'ru']);
export type Language = z.infer<typeof Language>;

/** The languages whose body Rapporteur reads; the others are named and their body left unread. */
export const READ_LANGUAGES = ['en', 'fr', 'es'] as const satisfies readonly Language[];
export type ReadLanguage = (typeof READ_LANGUAGES)[number];

export const isReadLanguage = (l: Language | null): l is ReadLanguage => l !== null && (READ_LANGUAGES as readonly string[]).includes(l);

const BY_FRANC: Record<string, Language> = { eng: 'en', fra: 'fr', spa: 'es', arb: 'ar', cmn: 'zh', rus: 'ru' };
const ONLY = Object.keys(BY_FRANC);

/** Enough of a document to tell its language; trigram counting over a whole record buys nothing more. */
const SAMPLE = 6_000;

/**
 * The language a document is written in, or null when too little of it is prose to tell.
 * Symbols, numbers and names are the same in every version, so the sample skips the first
 * lines (the header) only when there is prose after them.
 */
export function detectLanguage(text: string): Language | null {
  const sample = text.length > SAMPLE * 2 ? text.slice(Math.floor(SAMPLE / 3), Math.floor(SAMPLE / 3) + SAMPLE) : text.slice(0, SAMPLE);
  const found = franc(sample, { only: ONLY, minLength: 20 });
  return BY_FRANC[found] ?? null;
}

export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'French',
  es: 'Spanish',
  ar: 'Arabic',
  zh: 'Chinese',
  ru: 'Russian',
};

import { describe, expect, it } from 'vitest';
import { extractEntities } from '../src/core/entities.js';
import { parseIntent } from '../src/core/intent.js';

const lexicon = { speakerKeys: new Set(['abramenko', 'safikhanli', 'charef', 'corzo sosa', 'corzo', 'sosa', 'unver', 'the chair', 'chair']) };
const intent = (text: string) => parseIntent(text, lexicon);

describe('the intent parser understands natural phrasings', () => {
  it.each([
    ['status of para 36 Azerbaijan', { name: 'status', args: { country: 'AZE', paragraph: 36, subparagraphs: [] } }],
    ['status 36(b) AZE', { name: 'status', args: { country: 'AZE', paragraph: 36, subparagraphs: ['b'] } }],
    ['status 36 AZE', { name: 'status', args: { country: 'AZE', paragraph: 36, subparagraphs: [] } }],
    ['what is the status of paragraph 60 (d) for Azerbaijan?', { name: 'status', args: { country: 'AZE', paragraph: 60, subparagraphs: ['d'] } }],
    ['status Azerbaijan', { name: 'status', args: { country: 'AZE', subparagraphs: [] } }],
    ['§ 16 Azerbaijani', { name: 'status', args: { country: 'AZE', paragraph: 16, subparagraphs: [] } }],
    ['para 16 (a) and (b) Azerbaijan', { name: 'status', args: { country: 'AZE', paragraph: 16, subparagraphs: ['a', 'b'] } }],
    ['how far is Bolivia (Plurinational State of) with para 18?', { name: 'status', args: { country: 'BOL', paragraph: 18, subparagraphs: [] } }],
    ['progress on paragraph 36 (b)–(e) for the Plurinational State of Bolivia', { name: 'status', args: { country: 'BOL', paragraph: 36, subparagraphs: ['b', 'c', 'd', 'e'] } }],
    ['summary 463', { name: 'summary', args: { meeting: 463 } }],
    ['summarize CMW/C/SR.463', { name: 'summary', args: { symbol: 'CMW/C/SR.463' } }],
    ['meeting 463', { name: 'summary', args: { meeting: 463 } }],
    ['what happened at the 463rd meeting?', { name: 'summary', args: { meeting: 463 } }],
    ['cmw/c/sr.463', { name: 'summary', args: { symbol: 'CMW/C/SR.463' } }],
    ['what did Mr. Charef ask?', { name: 'speaker', args: { name: 'Mr. Charef', focus: 'questions' } }],
    ['interventions by Safikhanli', { name: 'speaker', args: { name: 'Safikhanli', focus: 'all' } }],
    ['Abramenko at 463', { name: 'speaker', args: { name: 'Abramenko', focus: 'all', meeting: 463 } }],
    ['what did corzo sosa say', { name: 'speaker', args: { name: 'corzo sosa', focus: 'all' } }],
    ['who spoke about vaccines?', { name: 'topic', args: { topic: 'vaccines' } }],
    ['search detention of children', { name: 'search', args: { query: 'detention of children' } }],
    ['find "voluntary" placement in shelters', { name: 'search', args: { query: '"voluntary" placement in shelters' } }],
    ['deadlines', { name: 'deadlines', args: { filter: 'all' } }],
    ['deadlines Azerbaijan', { name: 'deadlines', args: { filter: 'all', country: 'AZE' } }],
    ['overdue', { name: 'deadlines', args: { filter: 'overdue' } }],
    ['due in 30 days', { name: 'deadlines', args: { filter: 'upcoming', days: 30 } }],
    ['what is due in the next 2 weeks for CMW?', { name: 'deadlines', args: { filter: 'upcoming', days: 14, committee: 'CMW' } }],
    ['deadline add 2027-03-01 Azerbaijan next periodic report', { name: 'deadline-add', args: { due: '2027-03-01', country: 'AZE', title: 'next periodic report' } }],
    ['add deadline 1 March 2027 AZE list of issues reply', { name: 'deadline-add', args: { due: '2027-03-01', country: 'AZE', title: 'list of issues reply' } }],
    ['deadline remove 12', { name: 'deadline-remove', args: { id: 12 } }],
    ['documents Azerbaijan', { name: 'documents', args: { country: 'AZE' } }],
    ['doc CMW/C/AZE/CO/3', { name: 'document', args: { symbol: 'CMW/C/AZE/CO/3' } }],
    ['CMW/C/AZE/CO/3', { name: 'document', args: { symbol: 'CMW/C/AZE/CO/3' } }],
    ['<@U0RAPP> status of para 36 Azerbaijan', { name: 'status', args: { country: 'AZE', paragraph: 36, subparagraphs: [] } }],
    ['help', { name: 'help', args: {} }],
    ['', { name: 'help', args: {} }],
  ])('%s', (text, expected) => {
    expect(intent(text)).toEqual(expected);
  });

  it.each([
    ['statut du paragraphe 36 Azerbaïdjan', { name: 'status', args: { country: 'AZE', paragraph: 36, subparagraphs: [] } }],
    ['statut du § 36 Azerbaidjan', { name: 'status', args: { country: 'AZE', paragraph: 36, subparagraphs: [] } }],
    ['état de la recommandation 36 Azerbaïdjan', { name: 'status', args: { country: 'AZE', paragraph: 36, subparagraphs: [] } }],
    ["quel est le statut du paragraphe 36 (b) pour l'Azerbaïdjan ?", { name: 'status', args: { country: 'AZE', paragraph: 36, subparagraphs: ['b'] } }],
    ['estado del párrafo 36 Azerbaiyán', { name: 'status', args: { country: 'AZE', paragraph: 36, subparagraphs: [] } }],
    ['¿Cuál es el estado del parrafo 36 de Azerbaiyan?', { name: 'status', args: { country: 'AZE', paragraph: 36, subparagraphs: [] } }],
    ['Estado Plurinacional de Bolivia', { name: 'status', args: { country: 'BOL', subparagraphs: [] } }],
    ['résumé de la séance 3279', { name: 'summary', args: { meeting: 3279 } }],
    ['résumé de la séance n° 3279', { name: 'summary', args: { meeting: 3279 } }],
    ['resume de la 3279e seance', { name: 'summary', args: { meeting: 3279 } }],
    ['resumen de la sesión 1840', { name: 'summary', args: { meeting: 1840 } }],
    ['resumen de la sesión 1840ª', { name: 'summary', args: { meeting: 1840 } }],
    ['resumen de la 1840a sesion', { name: 'summary', args: { meeting: 1840 } }],
    ["qu'a dit M. Salvioli ?", { name: 'speaker', args: { name: 'M. Salvioli', focus: 'all' } }],
    ['qu’a dit M. Salvioli?', { name: 'speaker', args: { name: 'M. Salvioli', focus: 'all' } }],
    ["qu'a demandé Mme Chanet ?", { name: 'speaker', args: { name: 'Mme Chanet', focus: 'questions' } }],
    ["qu'est-ce que M. Salvioli a dit sur la détention ?", { name: 'speaker', args: { name: 'M. Salvioli', focus: 'all', topic: 'détention' } }],
    ["qu'a dit M. Salvioli lors de la 2701e séance ?", { name: 'speaker', args: { name: 'M. Salvioli', focus: 'all', meeting: 2701 } }],
    ['¿qué dijo el Sr. Salvioli?', { name: 'speaker', args: { name: 'Sr. Salvioli', focus: 'all' } }],
    ['¿Qué preguntó la Sra. Motoc en la sesión 1840?', { name: 'speaker', args: { name: 'Sra. Motoc', focus: 'questions', meeting: 1840 } }],
    ['qui a parlé de la détention ?', { name: 'topic', args: { topic: 'détention' } }],
    ['¿quién habló sobre la detención?', { name: 'topic', args: { topic: 'detención' } }],
    ['échéances Azerbaïdjan', { name: 'deadlines', args: { filter: 'all', country: 'AZE' } }],
    ['echeances en retard Azerbaidjan', { name: 'deadlines', args: { filter: 'overdue', country: 'AZE' } }],
    ['échéances dans 30 jours', { name: 'deadlines', args: { filter: 'upcoming', days: 30 } }],
    ['plazos Azerbaiyán', { name: 'deadlines', args: { filter: 'all', country: 'AZE' } }],
    ['plazos vencidos Japón', { name: 'deadlines', args: { filter: 'overdue', country: 'JPN' } }],
    ['documents Azerbaïdjan', { name: 'documents', args: { country: 'AZE' } }],
    ['documentos Nouvelle-Zélande', { name: 'documents', args: { country: 'NZL' } }],
    ['cherche détention des enfants', { name: 'search', args: { query: 'détention des enfants' } }],
    ['recherche : plazo de un año', { name: 'search', args: { query: 'plazo de un año' } }],
    ['buscar detención de niños', { name: 'search', args: { query: 'detención de niños' } }],
    ['99e session', { name: 'session', args: { session: 99 } }],
    ['71º período de sesiones', { name: 'session', args: { session: 71 } }],
  ])('in French or Spanish: %s', (text, expected) => {
    expect(intent(text)).toEqual(expected);
  });

  it('reads M., Mme, Sr. and Sra. as titles, never as a State or a month', () => {
    for (const q of ['M. Salvioli', 'qu’a dit M. Salvioli en mars ?', 'Sr. Salvioli', 'Sra. Motoc']) {
      const r = intent(q);
      expect(r.name, q).toBe('speaker');
      expect(r.name === 'speaker' && r.args.name, q).toMatch(/^(?:M\.|Sr\.|Sra\.) (?:Salvioli|Motoc)$/);
    }
    expect(extractEntities('statut M. Salvioli mai 2020')).toMatchObject({ person: 'M. Salvioli', country: null });
  });

  it('does not take short English words for country codes', () => {
    expect(intent('status of para 36 in Azerbaijan')).toMatchObject({ args: { country: 'AZE' } });
    expect(intent('search migrants in transit')).toEqual({ name: 'search', args: { query: 'migrants in transit' } });
    expect(intent('what did Mr. Jordan say')).toMatchObject({ name: 'speaker', args: { name: 'Mr. Jordan' } });
  });

  it('offers the nearest commands when it does not understand', () => {
    const r = intent('satus of para 36');
    expect(r.name).toBe('unknown');
    expect(r.name === 'unknown' && r.args.suggestions).toContain('status of para 36 Azerbaijan');
    const lost = intent('the weather in Geneva');
    expect(lost.name === 'unknown' && lost.args.suggestions.length).toBeGreaterThan(1);
    const missing = intent('summary');
    expect(missing.name === 'unknown' && missing.args.missing).toBe('a meeting number, as in "summary 463"');
  });
});

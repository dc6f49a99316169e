import { describe, expect, it } from 'vitest';
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

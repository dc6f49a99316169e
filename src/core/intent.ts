import { distance } from 'fastest-levenshtein';
import { formatRef } from '../documents/parse/references.js';
import { Command, EXAMPLES, type CommandName } from './commands.js';
import { extractEntities, type Entities, type Lexicon } from './entities.js';

/**
 * From a question in ordinary words to a typed command. The entities a question names
 * (a State party, a paragraph, a meeting, a person, a date) decide as much as its cue
 * words: "para 36 Azerbaijan" is a status question with no cue word at all.
 */

const CUES: Array<[Exclude<CommandName, 'unknown' | 'source' | 'deadline-add' | 'deadline-remove'>, RegExp]> = [
  ['help', /^(?:help|\?|commands|usage|what can you do|how does this work)\b/i],
  ['topic', /\bwho\s+(?:spoke|talked|asked|said\s+\w+|raised|mentioned)\s+(?:about|on|regarding|of)\b/i],
  ['speaker', /\bwhat\s+(?:did|has|had)\b.*\b(?:ask|asked|say|said|raise|raised|want|mention|note)\b|\b(?:interventions?|statements?|questions?|remarks)\s+(?:by|of|from)\b/i],
  ['search', /^(?:search|find|look\s+(?:for|up)|grep)\b/i],
  ['deadlines', /\b(?:deadlines?|due|overdue|upcoming|late|calendar)\b/i],
  ['summary', /\b(?:summary|summari[sz]e|summarise|recap|minutes|what\s+happened|meeting)\b/i],
  ['status', /\b(?:status|progress|grades?|graded|implemented|implementation|follow[\s-]?up|evaluation|assessment|how\s+far)\b/i],
  ['documents', /\b(?:documents|docs|list\s+documents)\b/i],
  ['document', /^(?:doc|document|show)\b/i],
];

/** Words a user may mistype, and the command each belongs to. */
const VOCABULARY: Array<[string, Exclude<CommandName, 'unknown' | 'source'>]> = [
  ['status', 'status'], ['progress', 'status'], ['grades', 'status'],
  ['summary', 'summary'], ['summarize', 'summary'], ['meeting', 'summary'],
  ['search', 'search'], ['find', 'search'],
  ['deadlines', 'deadlines'], ['deadline', 'deadlines'], ['overdue', 'deadlines'],
  ['documents', 'documents'], ['document', 'document'],
  ['interventions', 'speaker'], ['help', 'help'],
];

function nearest(text: string, entities: Entities): string[] {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const hits = new Set<string>();
  for (const w of words) {
    for (const [cue, name] of VOCABULARY) {
      if (w.length >= 4 && w !== cue && distance(w, cue) <= (cue.length > 6 ? 2 : 1)) hits.add(EXAMPLES[name][0]!);
    }
  }
  const place = entities.country;
  if (place) {
    hits.add(`status ${place}`);
    hits.add(`deadlines ${place}`);
    hits.add(`documents ${place}`);
  }
  for (const fallback of [EXAMPLES.status[0]!, EXAMPLES.summary[0]!, EXAMPLES.deadlines[0]!, 'help']) hits.add(fallback);
  return [...hits].slice(0, 4);
}

function unknown(text: string, entities: Entities, missing?: string): Command {
  return { name: 'unknown', args: { text, suggestions: nearest(text, entities), ...(missing ? { missing } : {}) } };
}

/** Takes the words after a cue: "search detention of children" gives "detention of children". */
function after(text: string, cue: RegExp): string {
  const m = cue.exec(text);
  return (m ? text.slice(m.index + m[0].length) : text).replace(/^[\s:,-]+|[\s?!.]+$/g, '');
}

export function parseIntent(input: string, lexicon?: Lexicon): Command {
  const text = input.replace(/<@[^>]+>/g, ' ').replace(/^\s*@?rapporteur\b[:,]?/i, '').replace(/\s+/g, ' ').trim();
  if (text === '') return { name: 'help', args: {} };
  const e = extractEntities(text, lexicon);
  const cue = CUES.find(([, re]) => re.test(text))?.[0];

  const add = /^(?:deadline\s+add|add\s+(?:a\s+)?deadline)\b/i;
  if (add.test(text)) {
    if (!e.date) return unknown(text, e, 'a due date such as 2027-03-01');
    const title = after(e.rest, add).replace(/^(?:on|for|due)\s+/i, '') || 'deadline';
    return Command.parse({ name: 'deadline-add', args: { due: e.date, title, ...(e.country ? { country: e.country } : {}), ...(e.committee ? { committee: e.committee } : {}) } });
  }
  const remove = /^(?:deadline\s+(?:remove|delete)|(?:remove|delete)\s+deadline)\s+#?(\d+)\b/i.exec(text);
  if (remove) return { name: 'deadline-remove', args: { id: Number(remove[1]) } };
  const source = /^source\s+(.+?)(?:\s+(?:para\.?|¶)\s*(\d+)|\s+lines\s+(\d+)\s*[-–]\s*(\d+))?$/i.exec(text);
  if (source) {
    return Command.parse({
      name: 'source',
      args: { key: source[1]!.trim(), ...(source[2] ? { paragraph: Number(source[2]) } : {}), ...(source[3] ? { lines: [Number(source[3]), Number(source[4])] } : {}) },
    });
  }

  switch (cue) {
    case 'help':
      return { name: 'help', args: { topic: after(text, /^\S+/) || undefined } };
    case 'topic': {
      const topic = after(text, /\b(?:about|on|regarding|of)\b/i);
      return topic ? { name: 'topic', args: { topic } } : unknown(text, e, 'a topic, as in "who spoke about vaccines?"');
    }
    case 'speaker': {
      const name = e.person ?? after(text, /\b(?:by|of|from|did|has|had)\s+/i).replace(/\s+(?:ask|asked|say|said|raise|raised|want|mention|note)\b.*$/i, '');
      if (!name) return unknown(text, e, 'a name, as in "what did Mr. Charef ask?"');
      const focus = /\b(?:ask|asked|questions?|wonder)\b/i.test(text) ? 'questions' : 'all';
      return { name: 'speaker', args: { name, focus, ...(e.meeting ? { meeting: e.meeting } : {}) } };
    }
    case 'search': {
      const query = after(text, CUES.find(([n]) => n === 'search')![1]);
      return query ? { name: 'search', args: { query, ...(e.country ? { country: e.country } : {}) } } : unknown(text, e, 'words to search for');
    }
    case 'deadlines': {
      const filter = /\b(?:overdue|late)\b/i.test(text) ? 'overdue' : e.days || /\bupcoming\b/i.test(text) ? 'upcoming' : 'all';
      return Command.parse({ name: 'deadlines', args: { filter, ...(e.days ? { days: e.days } : {}), ...(e.country ? { country: e.country } : {}), ...(e.committee ? { committee: e.committee } : {}) } });
    }
    case 'summary':
      if (e.symbol?.parsed.type === 'summary-record') return { name: 'summary', args: { symbol: e.symbol.symbol } };
      if (e.meeting) return { name: 'summary', args: { meeting: e.meeting, ...(e.committee ? { committee: e.committee } : {}) } };
      return unknown(text, e, 'a meeting number, as in "summary 463"');
    case 'status':
      return status(text, e);
    case 'documents':
      return { name: 'documents', args: { ...(e.country ? { country: e.country } : {}), ...(e.committee ? { committee: e.committee } : {}) } };
    case 'document':
      if (e.symbol) return { name: 'document', args: { symbol: e.symbol.symbol } };
      return unknown(text, e, 'a document symbol, as in "doc CMW/C/AZE/CO/3"');
  }

  // No cue word: the entities decide.
  if (e.symbol) {
    return e.symbol.parsed.type === 'summary-record' ? { name: 'summary', args: { symbol: e.symbol.symbol } } : { name: 'document', args: { symbol: e.symbol.symbol } };
  }
  if (e.country && (e.refs.length > 0 || e.rest === '')) return status(text, e);
  if (e.person) return { name: 'speaker', args: { name: e.person, focus: 'all', ...(e.meeting ? { meeting: e.meeting } : {}) } };
  if (e.meeting && e.rest === '') return { name: 'summary', args: { meeting: e.meeting } };
  return unknown(text, e);
}

function status(text: string, e: Entities): Command {
  if (!e.country) {
    const ref = e.refs[0] ? `para ${formatRef(e.refs[0])} ` : '';
    return unknown(text, e, `the State party, as in "status ${ref}Azerbaijan"`);
  }
  // "status 36 AZE": with a status cue, a bare number is a paragraph, not a meeting.
  const ref = e.refs[0] ?? (e.meeting !== null && e.meeting < 1000 && !e.symbol ? { paragraph: e.meeting, subparagraphs: [] } : undefined);
  return Command.parse({
    name: 'status',
    args: {
      country: e.country,
      ...(e.committee ? { committee: e.committee } : {}),
      ...(ref ? { paragraph: ref.paragraph, subparagraphs: ref.subparagraphs } : {}),
    },
  });
}

import { distance } from 'fastest-levenshtein';
import { formatRef } from '../documents/parse/references.js';
import { countryName } from '../domain/countries.js';
import { normalizeSymbol } from '../domain/symbols.js';
import { impossibleDate } from '../domain/dates.js';
import { trailingOrdinal } from '../domain/ordinals.js';
import { Command, EXAMPLES, type ArgsOf, type CommandName } from './commandSchemas.js';
import { extractEntities, nestedRef, type Entities, type Lexicon } from './entities.js';
import { inEnglishCues } from './questionLanguages.js';
import { whenIntent } from './whenIntent.js';

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
const VOCABULARY: Array<[string, Exclude<CommandName, 'unknown' | 'source' | 'unplaced'>]> = [
  ['status', 'status'], ['progress', 'status'], ['grades', 'status'],
  ['summary', 'summary'], ['summarize', 'summary'], ['meeting', 'summary'],
  ['search', 'search'], ['find', 'search'],
  ['deadlines', 'deadlines'], ['deadline', 'deadlines'], ['overdue', 'deadlines'],
  ['documents', 'documents'], ['document', 'document'],
  ['interventions', 'speaker'], ['help', 'help'],
  ['session', 'session'], ['corrections', 'corrections'],
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

/** A value the question gave that cannot be used: refused with what is accepted, never run or thrown. */
function refused(text: string, problem: string): Command {
  // The sentence already shows the accepted form; unrelated suggestions would only distract.
  return { name: 'unknown', args: { text, suggestions: [], problem } };
}

/** The command if its values pass its schema; else the refusal that says what is accepted. */
function checked(candidate: unknown, text: string, accepted: string): Command {
  const parsed = Command.safeParse(candidate);
  return parsed.success ? parsed.data : refused(text, accepted);
}

const DIGEST_ACCEPTS =
  'a digest comes every day or on weekdays at a time you name (24-hour HH:MM, or 9am), optionally in an IANA time zone, as in “digest daily 09:00”, “digest weekdays 08:30 Europe/Zurich”; “digest off”, “digest now” and “digest” (to see it) work too';

/** Takes the words after a cue: "search detention of children" gives "detention of children". */
function after(text: string, cue: RegExp): string {
  const m = cue.exec(text);
  return (m ? text.slice(m.index + m[0].length) : text).replace(/^[\s:,-]+|[\s?!.]+$/g, '');
}

export function parseIntent(input: string, lexicon?: Lexicon): Command {
  const text = inEnglishCues(input.replace(/<@[^>]+>/g, ' ').replace(/^\s*@?rapporteur\b[:,]?/i, '').replace(/\s+/g, ' ').trim());
  if (text === '') return { name: 'help', args: {} };
  const e = extractEntities(text, lexicon);
  const cue = CUES.find(([, re]) => re.test(text))?.[0];

  const add = /^(?:deadline\s+add|add\s+(?:a\s+)?deadline)\b/i;
  if (add.test(text)) {
    const impossible = impossibleDate(text);
    if (impossible) return refused(text, `${impossible}. Give the due date as YYYY-MM-DD, as in “${EXAMPLES['deadline-add'][0]}”.`);
    if (!e.date) return unknown(text, e, 'a due date such as 2027-03-01');
    const title = after(e.rest, add).replace(/^(?:on|for|due)\s+/i, '') || 'deadline';
    return checked({ name: 'deadline-add', args: { due: e.date, title, ...(e.country ? { country: e.country } : {}), ...(e.committee ? { committee: e.committee } : {}) } }, text, 'A deadline’s title, after its due date, is at most 300 characters, as in “deadline add 2027-03-01 Azerbaijan next periodic report”');
  }
  const watch = /^(?:watch(?:ing|ed|\s+list)?|what\s+(?:are\s+you|is\s+being)\s+watch(?:ing|ed))\s*\??$|^(?:watch|un(watch))\s+(add|remove|delete|stop)?\s*(\S.*)$/i.exec(text);
  if (watch) {
    if (!watch[3]) return { name: 'watch', args: {} };
    const action = watch[1] || /^(?:remove|delete|stop)$/i.test(watch[2] ?? '') ? 'remove' : 'add';
    const symbol = normalizeSymbol(watch[3].replace(/[.?!]+$/, ''));
    if (!symbol) return refused(text, `“${watch[3]}” is not a UN document symbol. The watch asks for documents by symbol, as in “${EXAMPLES['watch-change'][0]}”`);
    return { name: 'watch-change', args: { action, symbol } };
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

  const fetching = fetchIntent(text);
  if (fetching) return fetching;
  const when = whenIntent(text);
  if (when) return when;
  const scheduling = schedulingIntent(text, e);
  if (scheduling) return scheduling;
  const secretariat = secretariatIntent(text, e);
  if (secretariat) return secretariat;
  const asked = questionIntent(text, e);
  if (asked) return asked;

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
      // From the words as typed: a topic may itself name a place ("about the Russian Federation").
      const topic = topicIn(text.replace(/\s+(?:at|in)\s+(?:meeting\s+|SR\.?\s*)?\d+\s*\??$/i, ''));
      return { name: 'speaker', args: { name, focus, ...(e.meeting ? { meeting: e.meeting } : {}), ...(topic ? { topic } : {}) } };
    }
    case 'search': {
      const query = after(text, CUES.find(([n]) => n === 'search')![1]);
      return query ? { name: 'search', args: { query, ...(e.country ? { country: e.country } : {}) } } : unknown(text, e, 'words to search for');
    }
    case 'deadlines': {
      const lost = unplacedCountry(e, 'deadlines');
      if (lost) return lost;
      const within = /\bthis\s+(week|month)\b/i.exec(text)?.[1]?.toLowerCase();
      if (within === 'week' || within === 'month') {
        return Command.parse({ name: 'deadlines', args: { filter: 'upcoming', within, ...(e.country ? { country: e.country } : {}), ...(e.committee ? { committee: e.committee } : {}) } });
      }
      const filter = /\b(?:overdue|late)\b/i.test(text) ? 'overdue' : e.days || /\bupcoming\b/i.test(text) ? 'upcoming' : 'all';
      return checked(
        { name: 'deadlines', args: { filter, ...(e.days ? { days: e.days } : {}), ...(e.country ? { country: e.country } : {}), ...(e.committee ? { committee: e.committee } : {}) } },
        text,
        'Deadlines can be looked up at most 3,660 days (ten years) ahead, as in “due in 30 days” or “due in 6 months”',
      );
    }
    case 'summary':
      if (e.symbol?.parsed.type === 'summary-record') return { name: 'summary', args: { symbol: e.symbol.symbol } };
      if (e.meeting) return { name: 'summary', args: { meeting: e.meeting, ...(e.committee ? { committee: e.committee } : {}) } };
      return unknown(text, e, 'a meeting number, as in "summary 463"');
    case 'status':
      return unplacedCountry(e, 'status') ?? statusCommand(text, e);
    case 'documents': {
      const lost = unplacedCountry(e, 'documents');
      if (lost) return lost;
      const year = /\b(?:issued|published|dated|from|in|of)\s+(?:in\s+)?((?:19|20)\d{2})\b/i.exec(text)?.[1];
      const recent = /\b(?:new|newest|recent|latest|fresh)\b/i.test(text) && !year;
      return { name: 'documents', args: { ...(e.country ? { country: e.country } : {}), ...(e.committee ? { committee: e.committee } : {}), ...(year ? { year: Number(year) } : {}), ...(recent ? { recent: true as const } : {}) } };
    }
    case 'document':
      if (e.symbol) return { name: 'document', args: { symbol: e.symbol.symbol } };
      return unknown(text, e, 'a document symbol, as in "doc CMW/C/AZE/CO/3"');
  }

  // No cue word: the entities decide.
  if (e.symbol) {
    return e.symbol.parsed.type === 'summary-record' ? { name: 'summary', args: { symbol: e.symbol.symbol } } : { name: 'document', args: { symbol: e.symbol.symbol } };
  }
  if (e.country && (e.refs.length > 0 || e.rest === '')) return statusCommand(text, e);
  if (e.countryGuess && e.rest === e.countryGuess.word) return unplacedCountry(e, 'status')!;
  if (e.person) return { name: 'speaker', args: { name: e.person, focus: 'all', ...(e.meeting ? { meeting: e.meeting } : {}) } };
  if (e.meeting && /^[?!.\s]*$/.test(e.rest)) return { name: 'summary', args: { meeting: e.meeting } };
  return unknown(text, e);
}

/** "about vaccines", "on detention": the topic a question narrows to. */
function topicIn(rest: string): string | undefined {
  return /\b(?:about|on|regarding|concerning)\s+(?:the\s+)?(.+?)[\s?!.]*$/i.exec(rest)?.[1];
}

const GROUPS: Array<[ArgsOf<'group'>['group'], RegExp]> = [
  ['ngo', /\b(?:NGOs?|non-?governmental\s+organi[sz]ations?|civil\s+society)\b/i],
  ['nhri', /\b(?:NHRIs?|national\s+human\s+rights\s+institutions?|ombudsm[ae]n)\b/i],
  ['state', /\b(?:(?:the\s+)?delegation|State\s+party(?:['’]s)?|the\s+government|the\s+State)\b/i],
  ['un', /\b(?:UN\s+(?:agencies|bodies)|United\s+Nations\s+(?:agencies|bodies))\b/i],
  ['committee', /\b(?:committee\s+members|the\s+members|the\s+committee)\b/i],
];
const SAYING = /\b(?:say|said|tell|told|raise[ds]?|ask(?:ed)?|mention(?:ed)?|repl(?:y|ies|ied)|answers?|answered|responses?|responded|statements?|interventions?|remarks)\b/i;

/**
 * Questions about meetings and grades that cue words alone would misread: "latest meeting",
 * "who answered Mr. Corzo Sosa?", "para 10 of 463", "what did the NGOs say", "what does [C] mean?".
 */
function questionIntent(text: string, e: Entities): Command | null {
  const grade = /\b(?:what\s+(?:does|do|is)\s+(?:a\s+|the\s+)?(?:grade\s+|letter\s+)?\[?([A-Fa-f])\]?\s+(?:grade\s+)?(?:mean|stand\s+for)|meaning\s+of\s+(?:grade\s+)?\[?([A-Fa-f])\]?(?=[\s?!.]|$)|(?:grade|letter)\s+\[?([A-Fa-f])\]?\s+means?)\b/i.exec(text);
  if (grade) {
    const letter = (grade[1] ?? grade[2] ?? grade[3])!.toUpperCase();
    return Command.parse({ name: 'grade-meaning', args: { letter, ...(e.committee ? { committee: e.committee } : {}), ...(e.country ? { country: e.country } : {}) } });
  }
  if (/\b(?:latest|last|most\s+recent|newest)\s+meeting\b/i.test(text)) return { name: 'summary', args: { latest: true, ...(e.committee ? { committee: e.committee } : {}) } };
  const answered = /^who\s+(?:answered|replied\s+to|responded\s+to)\s+(.+?)[\s?!.]*$/i.exec(text);
  if (answered) {
    const name = e.person ?? answered[1]!.replace(/\s+(?:at|in)\s+(?:meeting\s+)?\d+$/i, '').replace(/['’]s\s+questions?$/i, '');
    // "him" with nothing said before names no one.
    if (/^(?:him|her|them|that|this)$/i.test(name)) return unknown(text, e, 'a name, as in "who answered Mr. Corzo Sosa?"');
    return { name: 'answers', args: { name, ...(e.meeting ? { meeting: e.meeting } : {}) } };
  }
  // "para 10 of 463", "paragraph 4 SR.463": a record's paragraph, when no State party is named.
  if (e.refs.length === 1 && !e.country && (e.meeting || e.symbol?.parsed.type === 'summary-record') && /^(?:(?:of|in|at|from|the|meeting|record|show|me)\s*)*$/i.test(e.rest)) {
    const ref = e.refs[0]!;
    return Command.parse({ name: 'paragraph', args: { paragraph: ref.paragraph, ...(e.symbol ? { symbol: e.symbol.symbol } : { meeting: e.meeting }), ...(e.committee ? { committee: e.committee } : {}) } });
  }
  const party = GROUPS.find(([, re]) => re.test(text));
  if (party && SAYING.test(text) && !e.person) {
    const topic = topicIn(e.rest.replace(party[1], ' '));
    const focus = /\b(?:ask|asked|questions?)\b/i.test(text) ? 'questions' : 'all';
    return { name: 'group', args: { group: party[0], focus, ...(e.meeting ? { meeting: e.meeting } : {}), ...(topic ? { topic } : {}) } };
  }
  return null;
}

/** Words a deadlines, documents or status question may hold besides a place. */
const FILTER_WORDS = /^(?:deadlines?|due|overdue|upcoming|late|calendar|documents?|docs|status|progress|grades?|graded|implementation|evaluation|assessment|follow|list|show|what|which|whats|are|is|the|for|of|in|on|this|next|coming|month|week|days?|all|any|me|please|issued|published|from|new|newest|recent|latest|when|how|far)$/i;

/** A word where a State party belongs that names none: "did you mean", never every State instead. */
function unplacedCountry(e: Entities, command: 'deadlines' | 'status' | 'documents'): Command | null {
  if (e.country) return null;
  // A capitalized word the question leaves over ("deadlines Atlantis") was meant as a place.
  const stray = e.countryGuess?.word ?? e.rest.split(' ').find((w) => /^\p{Lu}\p{Ll}{2,}$/u.test(w) && !FILTER_WORDS.test(w));
  if (!stray) return null;
  return {
    name: 'unplaced',
    args: {
      word: stray,
      suggestions: (e.countryGuess?.codes ?? []).slice(0, 3).map((code) => `${command} ${countryName(code) ?? code}`),
      accepted: 'A State party by name (“Azerbaijan”), official name, adjective (“Azerbaijani”) or ISO code (“AZE”).',
    },
  };
}

function statusCommand(text: string, e: Entities): Command {
  if (!e.country) {
    const ref = e.refs[0] ? `para ${formatRef(e.refs[0])} ` : '';
    return unknown(text, e, `the State party, as in "status ${ref}Azerbaijan"`);
  }
  // "status 36 AZE": with a status cue, a bare number is a paragraph, not a meeting.
  const ref = e.refs[0] ?? (e.meeting !== null && e.meeting < 1000 && !e.symbol ? { paragraph: e.meeting, subparagraphs: [] } : undefined);
  const deeper = nestedRef(text);
  if (ref && deeper?.paragraph === ref.paragraph) {
    return Command.parse({ name: 'status', args: { country: e.country, ...(e.committee ? { committee: e.committee } : {}), paragraph: ref.paragraph, subparagraphs: [deeper.item], nested: deeper.nested } });
  }
  return Command.parse({
    name: 'status',
    args: {
      country: e.country,
      ...(e.committee ? { committee: e.committee } : {}),
      ...(ref ? { paragraph: ref.paragraph, subparagraphs: ref.subparagraphs } : {}),
    },
  });
}

/** The secretariat's questions: "session 33 CMW", "thirty-third session", "corrections 463", "corrections open". */
function secretariatIntent(text: string, e: Entities): Command | null {
  if (/\bcorrections?\b/i.test(text)) {
    const about = e.symbol ? { symbol: e.symbol.symbol } : e.meeting ? { meeting: e.meeting } : {};
    const open = Object.keys(about).length === 0 && /\b(?:open|still|current(?:ly)?|now|this\s+week|pending)\b/i.test(text);
    return checked({ name: 'corrections', args: { ...about, ...(e.committee ? { committee: e.committee } : {}), open } }, text, 'A corrections window is asked by meeting, as in “corrections 463”, or “corrections open”');
  }
  const numbered = /\bsession\s+(?:no\.?\s*)?(\d{1,5})\b|\b(\d{1,5})(?:st|nd|rd|th)\s+session\b/i.exec(text);
  const worded = /^(.*?)\s+session\b/i.exec(text);
  const number = numbered ? Number(numbered[1] ?? numbered[2]) : worded ? trailingOrdinal(worded[1]!) : null;
  // "the 463rd meeting of the 33rd session" is about the meeting.
  if (number === null || (/\bmeeting\b/i.test(text) && e.meeting !== null)) return null;
  return checked({ name: 'session', args: { session: number, ...(e.committee ? { committee: e.committee } : {}) } }, text, 'A session by its number, from 1 to 999, as in “session 33 CMW”');
}

const COUNT_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4 };

/** "fetch CMW/C/AZE/CO/3", "ingest CMW/C/SR.470": a document by its symbol, from the UN's document systems. */
function fetchIntent(text: string): Command | null {
  const fetch = /^(?:fetch|ingest|download)\s+(?!https?:)(\S+)\s*$/i.exec(text);
  return fetch ? { name: 'fetch', args: { symbol: fetch[1]! } } : null;
}

/** Commands about what the bot says unprompted: follow, remind, snooze, done, digest, time zone, ingest. */
function schedulingIntent(text: string, e: Entities): Command | null {
  const follow = /^(un)?(?:follow|subscribe(?:\s+to)?|watch)\s+(.+)$/i.exec(text);
  if (follow) {
    const name = follow[1] ? 'unfollow' : 'follow';
    if (e.committee && !e.country) return { name, args: { kind: 'committee', value: e.committee } };
    if (e.country) return { name, args: { kind: 'country', value: e.country } };
    return unknown(text, e, `a State party or a committee, as in "${name} Azerbaijan" or "${name} CMW"`);
  }
  if (/^(?:following|subscriptions|what\s+(?:do|does)\s+(?:we|i|this\s+\w+)\s+follow)\b/i.test(text)) return { name: 'following', args: {} };
  const remind = /^remind\s+(me|us|everyone|the\s+(?:channel|team))\b/i.exec(text);
  if (remind) return { name: 'remind', args: { who: remind[1]!.toLowerCase() === 'me' ? 'me' : 'us', text } };
  if (/^(?:my\s+)?reminders\??$/i.test(text)) return { name: 'reminders', args: {} };
  const days = /^reminder\s+days\b(.*)$/i.exec(text);
  if (days) {
    const daysAccepted = 'whole numbers of days before a due date, from 0 (the day itself) to 366, at most 10 of them, as in “reminder days 30 7 1 0”; “reminder days” alone shows the current ones';
    const words = days[1]!.replace(/\b(?:and|days?|before)\b|[,;]/gi, ' ').trim();
    if (words !== '' && !/^\d+(?:\s+\d+)*$/.test(words)) return refused(text, `Reminder days are ${daysAccepted}`);
    const list = (words.match(/\d+/g) ?? []).map(Number);
    return checked({ name: 'reminder-days', args: list.length ? { days: list } : {} }, text, `Reminder days are ${daysAccepted}`);
  }
  const snoozeAccepted = 'A snooze names a deadline’s number and lasts 1 to 90 days, as in “snooze 12 1 week” or “snooze 12 3 days”; “deadlines” shows the numbers';
  const snooze = /^snooze\s+#?(\d+)(?:\s+(?:for\s+)?(a|an|one|two|three|four|\d+)?\s*(days?|weeks?))?\s*$/i.exec(text);
  if (snooze) {
    const n = snooze[2] ? (COUNT_WORDS[snooze[2].toLowerCase()] ?? Number(snooze[2])) : 1;
    const unit = /week/i.test(snooze[3] ?? 'day') ? 7 : 1;
    return checked({ name: 'snooze', args: { deadline: Number(snooze[1]), days: n * unit } }, text, snoozeAccepted);
  }
  if (/^snooze\b/i.test(text)) return refused(text, snoozeAccepted);
  const doneMatch = /^(?:mark\s+)?done\s+#?(\d+)\s*$/i.exec(text);
  if (doneMatch) return checked({ name: 'done', args: { deadline: Number(doneMatch[1]) } }, text, 'Done takes a deadline’s number, as in “done 12”; “deadlines” shows the numbers');
  if (/^(?:mark\s+)?done\b/i.test(text)) return refused(text, 'Say which deadline by its number, as in “done 12”; “deadlines” shows the numbers');
  const digest = /^digest\b\s*(.*)$/i.exec(text);
  if (digest) {
    const rest = digest[1]!.trim();
    if (rest === '') return { name: 'digest', args: { action: 'show' } };
    if (/^(?:off|stop|none|disable|cancel)\b/i.test(rest)) return { name: 'digest', args: { action: 'off' } };
    if (/^(?:now|today)\b/i.test(rest)) return { name: 'digest', args: { action: 'now' } };
    const cadence = /\bweekdays?|\bworking\s+days|\bmonday\s*(?:to|-)\s*friday/i.test(rest) ? 'weekdays' : 'daily';
    const time = /\b(\d{1,2})[:.h](\d{2})\b/.exec(rest) ?? /\b(\d{1,2})\s*(am|pm)\b/i.exec(rest);
    let hhmm = '09:00';
    if (time) {
      let hour = Number(time[1]);
      const minute = /am|pm/i.test(time[2]!) ? 0 : Number(time[2]);
      if (/pm/i.test(time[2]!) && hour < 12) hour += 12;
      hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    }
    const zone = /\b([A-Z][A-Za-z_]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?|UTC)\b/.exec(rest)?.[1];
    const always = /\b(?:always|even\s+(?:when|if)\s+(?:empty|nothing))\b/i.test(rest);
    // Every word must be understood: "digest hourly" is refused, not kept as a daily digest.
    const leftover = rest
      .replace(time?.[0] ?? '', ' ')
      .replace(zone ?? '', ' ')
      .replace(/\b(?:daily|every\s+day|each\s+day|weekdays?|working\s+days|monday\s*(?:to|-)\s*friday|always|even\s+(?:when|if)\s+(?:empty|nothing)|at|in|on|set|time|o'clock)\b|[,.;:]/gi, ' ')
      .trim();
    if (leftover) return refused(text, `“${leftover.split(/\s+/)[0]}” is not a digest schedule I can keep: ${DIGEST_ACCEPTS}`);
    return checked({ name: 'digest', args: { action: 'set', cadence, time: hhmm, always, ...(zone ? { timeZone: zone } : {}) } }, text, `That is not a digest schedule I can keep: ${DIGEST_ACCEPTS}`);
  }
  const zone = /^(?:time\s*zone|timezone|tz)\s+(\S+)\s*$/i.exec(text);
  if (zone) return { name: 'timezone', args: { timeZone: zone[1]! } };
  const ingest = /^(?:ingest|read|add)\s+(https?:\/\/\S+)\s*$/i.exec(text);
  if (ingest) return checked({ name: 'ingest', args: { url: ingest[1] } }, text, 'Ingest takes a full https:// link to a UN document, as in “ingest https://docs.un.org/en/CMW/C/SR.463”');
  return null;
}

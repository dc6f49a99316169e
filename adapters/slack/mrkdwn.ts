/**
 * Text between Rapporteur and Slack's mrkdwn. Slack reads `&`, `<` and `>` as control
 * characters (links, mentions, @channel): document text must never trigger them.
 */

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A message as Slack sends it (`<@U1|ana>`, `<https://x|label>`, `&amp;`) as the words a person sees. */
export function plainFromSlack(text: string): string {
  return text
    .replace(/<([@#!])[^|>]*\|([^>]*)>/g, (_, sigil: string, label: string) => (sigil === '!' ? label : `${sigil}${label}`))
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/<[^|>]+\|([^>]*)>/g, '$1')
    .replace(/<([^>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The question in "@Rapporteur, status of para 36 Azerbaijan": the bot's own mentions (and a comma or colon after them) removed. */
export function questionFromMention(text: string, botUserId: string): string {
  return plainFromSlack(text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>[,:]?`, 'g'), ' '));
}

/** At most `max` characters, cut at a word where one is near. */
export function clipWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trim();
}

/** Pieces of one line of escaped mrkdwn, each at most `max` long, cut at spaces and never inside an entity. */
function splitLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut < max * 0.6) {
      cut = max;
      const amp = rest.lastIndexOf('&', cut - 1);
      if (amp > cut - 5 && !rest.slice(amp, cut).includes(';')) cut = amp;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  pieces.push(rest);
  return pieces;
}

/**
 * Escaped mrkdwn cut into pieces of at most `max` characters, whole lines where possible;
 * `prefix` starts every line (the "> " of a quote).
 */
export function chunkMrkdwn(text: string, max: number, prefix = ''): string[] {
  const lines = text.split('\n').flatMap((line) => splitLine(line, max - prefix.length).map((piece) => `${prefix}${piece}`));
  const chunks: string[] = [];
  let current: string | null = null;
  for (const line of lines) {
    if (current !== null && current.length + 1 + line.length <= max) current = `${current}\n${line}`;
    else {
      if (current !== null) chunks.push(current);
      current = line;
    }
  }
  if (current !== null) chunks.push(current);
  return chunks.filter((c) => c.trim().length > 0);
}

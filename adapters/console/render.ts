import { styleText } from 'node:util';
import { citeText, type Reply } from '../../src/core/reply.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const visible = (s: string): number => s.replace(ANSI, '').length;

/**
 * One line folded at word boundaries to `width` columns (escape codes take none); the
 * lines after the first start with `indent`, so list items and quotes hang. A word longer
 * than the width stays whole: a symbol or a link is never cut.
 */
export function wrapLine(line: string, width: number, indent = ''): string {
  if (visible(line) <= width) return line;
  const lead = /^\s*/.exec(line)![0];
  const out: string[] = [];
  let current = lead;
  for (const word of line.slice(lead.length).split(/ +/)) {
    const candidate = current.trim() === '' ? `${current}${word}` : `${current} ${word}`;
    if (visible(candidate) <= width || current.trim() === '') current = candidate;
    else {
      out.push(current);
      current = `${indent}${word}`;
    }
  }
  out.push(current);
  return out.join('\n');
}

/** How a line hangs when wrapped: under the text of a list item or a quote, or at the margin. */
function hangingIndent(line: string): string {
  const item = /^(\s*(?:•|\d+\.)\s+)/.exec(line);
  if (item) return ' '.repeat(item[1]!.length);
  if (line.startsWith('│ ')) return '│ ';
  return /^\s*/.exec(line)![0];
}

/**
 * A Reply as terminal text; with `color`, headings bold and sources dim; with `width`,
 * long lines folded at word boundaries instead of where the terminal happens to cut them.
 */
export function renderText(reply: Reply, color = false, width?: number): string {
  const text = renderBlocks(reply, color);
  if (!width) return text;
  return text
    .split('\n')
    .map((line) => wrapLine(line, Math.max(20, width), hangingIndent(line.replace(ANSI, ''))))
    .join('\n');
}

function renderBlocks(reply: Reply, color: boolean): string {
  const bold = (s: string) => (color ? styleText('bold', s) : s);
  const dim = (s: string) => (color ? styleText('dim', s) : s);
  const out: string[] = [];
  for (const b of reply.blocks) {
    switch (b.type) {
      case 'heading':
        out.push(bold(b.text));
        break;
      case 'text':
        out.push(b.text);
        break;
      case 'context':
        out.push(dim(b.text));
        break;
      case 'fields':
        out.push(b.fields.map((f) => `${bold(`${f.label}:`)} ${f.value}`).join('\n'));
        break;
      case 'quote':
        out.push(`${b.text.split('\n').map((l) => `│ ${l}`).join('\n')}\n  ${dim(`— ${citeText(b.cite)}`)}`);
        break;
      case 'list': {
        const items = b.items.map((i) => `  • ${i.text}${i.cite ? ` ${dim(`(${citeText(i.cite)})`)}` : ''}`);
        out.push([...(b.title ? [bold(b.title)] : []), ...items].join('\n'));
        break;
      }
      case 'actions': {
        // A terminal has no buttons: show the commands the buttons would run.
        const commands = b.actions.filter((a) => a.kind === 'command' && a.command).map((a) => `${a.label}: “${a.command}”`);
        if (commands.length) out.push(dim(`Next: ${commands.join(' · ')}`));
        break;
      }
      case 'divider':
        out.push(dim('─'.repeat(40)));
        break;
    }
  }
  return out.join('\n\n');
}

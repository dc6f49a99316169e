import { styleText } from 'node:util';
import { citeText, type Reply } from '../../src/core/reply.js';

/** A Reply as terminal text; with `color`, headings bold and sources dim. */
export function renderText(reply: Reply, color = false): string {
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

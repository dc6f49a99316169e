import type { Sender, Sent } from '../../src/delivery.js';
import type { Destination } from '../../src/domain/conversations.js';
import type { Reply } from '../../src/core/reply.js';
import { renderText } from './render.js';
import { consoleTraits } from './traits.js';

/** Posts to the console: what reminders and digests for the "console" conversation look like at a terminal. */
export function consoleSender(write: (text: string) => void, color = false): Sender {
  let count = 0;
  return {
    traits: consoleTraits,
    async send(destination: Destination, reply: Reply): Promise<Sent> {
      write(`\n[${destination.channelId}] ${renderText(reply, color)}\n`);
      return { messageId: `console-${++count}` };
    },
  };
}

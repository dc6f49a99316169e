import type { SharedFile } from '../../src/core/commands/ingest.js';
import { download } from '../download.js';

/** A file as Slack describes it in a message or mention event (`files:read` lets the bot download it). */
export interface SlackFile {
  id?: string;
  name?: string;
  size?: number;
  mimetype?: string;
  url_private_download?: string;
  url_private?: string;
}

/** The files of an event, each downloadable with the bot token. */
export function sharedFiles(files: readonly SlackFile[] | undefined, token: string): SharedFile[] {
  return (files ?? []).flatMap((f) => {
    const url = f.url_private_download ?? f.url_private;
    if (!url) return [];
    return [
      {
        name: f.name ?? f.id ?? 'the file',
        size: typeof f.size === 'number' ? f.size : null,
        ...(f.mimetype ? { contentType: f.mimetype } : {}),
        // Slack answers a missing files:read scope with its sign-in page, not the file.
        download: () => download(url, { authorization: `Bearer ${token}` }, 'Slack', 'is the files:read scope granted?'),
      },
    ];
  });
}

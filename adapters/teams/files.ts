import type { Activity } from 'botbuilder';
import type { SharedFile } from '../../src/core/commands/ingest.js';
import { download } from '../download.js';

/** What Teams attaches when someone sends the bot a file in a personal chat (the app package says supportsFiles). */
const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

interface DownloadInfo {
  downloadUrl?: string;
  fileType?: string;
}

/** The files of a message, each at a short-lived, pre-authorised download URL. */
export function sharedFiles(activity: Partial<Activity>): SharedFile[] {
  return (activity.attachments ?? []).flatMap((a) => {
    if (a.contentType !== FILE_DOWNLOAD_INFO) return [];
    const info = (a.content ?? {}) as DownloadInfo;
    const url = info.downloadUrl;
    if (!url) return [];
    return [{ name: a.name ?? `the file.${info.fileType ?? 'bin'}`, size: null, download: () => download(url, {}, 'Teams', 'the download link may have expired; send the file again') }];
  });
}

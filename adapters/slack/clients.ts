import { webApi, type Installation } from '@slack/bolt';
import type { Destination } from '../../src/domain/conversations.js';
import type { Installations } from '../../src/store/installations.js';
import { notInstalled, type ClientFor } from './sender.js';

/** Clients kept per token: a workspace's reminders and digests reuse one client (and its connections). */
const CLIENTS_KEPT = 1000;

/**
 * A distributed app posts with each workspace's own bot token, read from its installation at
 * the time of sending: a reinstall's new token is used at once, and an uninstalled workspace has none.
 */
export function workspaceClients(installations: Installations, options: webApi.WebClientOptions): ClientFor {
  const clients = new Map<string, webApi.WebClient>();
  return async (destination: Destination) => {
    const record = destination.workspace ? await installations.get(destination.workspace) : null;
    const token = (record?.installation as Installation | undefined)?.bot?.token;
    if (!token) throw notInstalled(destination);
    let client = clients.get(token);
    if (!client) {
      if (clients.size >= CLIENTS_KEPT) clients.delete(clients.keys().next().value!);
      client = new webApi.WebClient(token, options);
      clients.set(token, client);
    }
    return client;
  };
}

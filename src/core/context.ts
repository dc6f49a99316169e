import type { Store } from '../store/store.js';
import type { Request } from './request.js';

/** What a command runs with: the store, the time, who asks and whether they may change things. */
export interface CoreContext {
  store: Store;
  /** Now; injected so that answers about due dates can be tested at any date. */
  clock: () => Date;
  /** The time zone "today" is counted in. */
  timeZone: string;
  request: Request;
  isAdmin: boolean;
  /** Who may change the store, to name in a refusal. */
  admins: readonly string[];
}

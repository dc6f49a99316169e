import { NO_CAPABILITIES, type PlatformTraits } from '../../src/platform.js';

/** The operator's terminal: no pacing, and nothing but plain answers. */
export const consoleTraits: PlatformTraits = { name: 'console', paceMs: 0, capabilities: NO_CAPABILITIES };

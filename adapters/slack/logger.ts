import { format } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/** Bolt and its Socket Mode client log through the app's pino logger, at the app's level. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ part: 'bolt' });
  const level = (): LogLevel => {
    if (log.isLevelEnabled('debug')) return LogLevel.DEBUG;
    if (log.isLevelEnabled('info')) return LogLevel.INFO;
    if (log.isLevelEnabled('warn')) return LogLevel.WARN;
    return LogLevel.ERROR;
  };
  return {
    debug: (...msg: unknown[]) => log.debug(format(...msg)),
    info: (...msg: unknown[]) => log.info(format(...msg)),
    warn: (...msg: unknown[]) => log.warn(format(...msg)),
    error: (...msg: unknown[]) => log.error(format(...msg)),
    // The level is the app's (LOG_LEVEL); Bolt may not change it.
    setLevel: () => undefined,
    getLevel: level,
    setName: () => undefined,
  };
}

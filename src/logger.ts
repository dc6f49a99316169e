import { pino, type Logger } from 'pino';

/** Structured logs on standard error, so standard output stays for answers and JSON. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'rapporteur' } }, pino.destination(2));
}

/** One-shot commands print their answer; only warnings reach standard error unless LOG_LEVEL asks for more. */
export function quietLogger(level: string): Logger {
  return createLogger(process.env.LOG_LEVEL ? level : 'warn');
}

import { IANAZone } from 'luxon';
import { z } from 'zod';
import { ErrorCode, RapporteurError } from './errors.js';
import { UN_HOSTS } from './ingest/bySymbol.js';

/**
 * The environment, validated once at start. Names match ../shared/CONTRACT.md; a bad
 * value stops the process with a message that names the variable.
 */

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string())
  .optional()
  .transform((s) => (s ? s : undefined));

const list = z
  .string()
  .optional()
  .transform((s) => (s ?? '').split(/[\s,]+/).filter(Boolean));

const flag = z
  .enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on');

/** The base address of a web service: http or https, without a query; kept without a final slash. */
const baseUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }))
  .refine((s) => !/[?#]/.test(s), 'must be a base address, without ? or #')
  .transform((s) => s.replace(/\/+$/, ''));

export const DEFAULT_URL_ALLOWLIST = [
  'documents.un.org',
  'docs.un.org',
  'undocs.org',
  'daccess-ods.un.org',
  'digitallibrary.un.org',
  'tbinternet.ohchr.org',
  // Where the Treaty Body Database's download page links its PDF and Word copies.
  'docstore.ohchr.org',
  'www.ohchr.org',
  'ohchr.org',
];

export const ConfigSchema = z.object({
  RAPPORTEUR_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(?:ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: optionalText.pipe(z.url().optional()),
  /** The slash command the Slack app answers, as in the app manifest. */
  SLACK_COMMAND: z.string().regex(/^\/[a-z0-9_-]{1,31}$/, 'must be a slash command such as /tb').default('/tb'),
  /** Slack OAuth distribution (many workspaces): the app's Client ID and Secret, and a secret of our own that signs install links. */
  SLACK_CLIENT_ID: optionalText.pipe(z.string().regex(/^\d+\.\d+$/, 'must be the app’s Client ID from its Basic Information page, such as 1234567890.0987654321').optional()),
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText.pipe(z.string().min(32, 'must be a random string of at least 32 characters').optional()),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  /** A certificate instead of MICROSOFT_APP_PASSWORD: its thumbprint and a PEM file with its private key. */
  MICROSOFT_APP_CERTIFICATE_THUMBPRINT: optionalText,
  MICROSOFT_APP_CERTIFICATE_KEY_FILE: optionalText,
  TEAMS_ENABLED: flag,
  RAPPORTEUR_ENV: z.enum(['production', 'development']).default('production'),
  TZ_DEFAULT: z
    .string()
    .default('Europe/Zurich')
    .refine((tz) => IANAZone.isValidZone(tz), 'must be an IANA time zone such as Europe/Zurich'),
  /** Who may change the store: "slack:U0123" (Slack user id), "teams:<Entra object id>", or "slack:*". */
  RAPPORTEUR_ADMINS: list,
  /** Hosts documents may be fetched from. */
  RAPPORTEUR_URL_ALLOWLIST: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(/[\s,]+/).filter(Boolean).map((h) => h.toLowerCase()) : DEFAULT_URL_ALLOWLIST)),
  /** The UN Official Document System, fetched by symbol at /api/symbol/access. */
  RAPPORTEUR_ODS_URL: baseUrl.default(UN_HOSTS.ods),
  /** The OHCHR Treaty Body Database, whose download page links a symbol's files on docstore.ohchr.org. */
  RAPPORTEUR_TBDB_URL: baseUrl.default(UN_HOSTS.tbdb),
  RAPPORTEUR_FETCH_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  RAPPORTEUR_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Run the queue workers inside `npm start` ("off" when `rapporteur worker` runs them elsewhere). */
  RAPPORTEUR_WORKERS: z.enum(['on', 'off']).default('on'),
  /** Prefix of every Redis key the queues use, to share one Redis between deployments. */
  RAPPORTEUR_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only').default('rapporteur'),
  /** Where people reach the HTTP server (PORT) from outside, for the links the bot gives (calendar feeds). */
  RAPPORTEUR_PUBLIC_URL: optionalText.pipe(z.url().regex(/^https?:\/\//, 'must be an http:// or https:// URL').optional()),
  /** How long a worker holds a job or a message it is sending: after a crash, another takes it over once this has passed. */
  RAPPORTEUR_JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Ask the UN's hosts, on its own, for the documents the store predicts ("on" needs Redis for its rounds). */
  RAPPORTEUR_WATCH: z.enum(['on', 'off']).default('off'),
  /** Requests the watch makes to one host per UTC day, at most. */
  RAPPORTEUR_WATCH_DAILY_BUDGET: z.coerce.number().int().min(1).max(10_000).default(200),
  /** Least seconds between two of the watch's requests to one host. */
  RAPPORTEUR_WATCH_INTERVAL_S: z.coerce.number().int().min(1).max(3600).default(30),
  /** Minutes between the watch's rounds; each round checks at most RAPPORTEUR_WATCH_PER_ROUND items. */
  RAPPORTEUR_WATCH_ROUND_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  RAPPORTEUR_WATCH_PER_ROUND: z.coerce.number().int().min(1).max(100).default(4),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Slack runs with one bot token or as a distributed app, and a distributed app needs all of its variables. */
function slackModeProblems(c: Config): string[] {
  const oauth = { SLACK_CLIENT_ID: c.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: c.SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: c.SLACK_STATE_SECRET };
  const given = Object.entries(oauth).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (given.length === 0) return [];
  const missing = Object.keys(oauth).filter((k) => !given.includes(k));
  if (missing.length) return [`${missing.join(', ')}: required with ${given.join(', ')} (Slack OAuth distribution)`];
  if (c.SLACK_BOT_TOKEN) return ['SLACK_BOT_TOKEN: leave unset with SLACK_CLIENT_ID; a distributed app keeps one token per workspace, from its installation'];
  if (!c.SLACK_SIGNING_SECRET) return ['SLACK_SIGNING_SECRET: required with SLACK_CLIENT_ID (a distributed app takes events and installs over HTTP)'];
  if (c.SLACK_APP_TOKEN) return ['SLACK_APP_TOKEN: leave unset with SLACK_CLIENT_ID; a distributed app takes events over HTTP'];
  return [];
}

/** Reads and checks the environment; throws a RapporteurError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  const problems = result.success ? slackModeProblems(result.data) : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (result.success && problems.length === 0) return result.data;
  throw new RapporteurError(ErrorCode.InvalidConfig, `invalid configuration: ${problems.join('; ')}`);
}

/**
 * The relay's configuration: every option is a command-line flag with an environment equivalent (RELAY_*),
 * checked with zod into one typed object. A flag wins over its environment variable, which wins over the default.
 * The app secret is never printed: `describeConfig` leaves it out.
 */
import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { HIGHLEVEL_ED25519_PUBLIC_KEY } from './keys';

export interface RelayConfig {
  port: number;
  host: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  secret: string;
  highlevelPublicKey: string;
  legacyRsa: boolean;
  highlevelRsaPublicKey: string | undefined;
  highlevelApiUrl: string;
  allowTargetHosts: string[];
  allowLoopbackTargets: boolean;
  retentionDays: number;
  contactStateDays: number;
  /** Delays in milliseconds before retry 1, 2, …; its length is the retry budget. */
  retrySchedule: number[];
  deliveryTimeoutMs: number;
  maxBodyBytes: number;
  concurrency: number;
  perTargetConcurrency: number;
}

interface OptionSpec {
  flag: string;
  env: string;
  kind: 'string' | 'boolean' | 'list';
  default: string;
  help: string;
}

export const OPTIONS: readonly OptionSpec[] = [
  { flag: 'port', env: 'RELAY_PORT', kind: 'string', default: '8787', help: 'TCP port (0 = any free port).' },
  { flag: 'host', env: 'RELAY_HOST', kind: 'string', default: '127.0.0.1', help: 'Address to listen on.' },
  {
    flag: 'database',
    env: 'RELAY_DATABASE',
    kind: 'string',
    default: 'sqlite:./relay-data/relay.db',
    help: 'sqlite:<file> (embedded, one process) or postgres://user@host:port/db (several processes).',
  },
  {
    flag: 'secret',
    env: 'RELAY_SECRET',
    kind: 'string',
    default: '(required)',
    help: 'The app secret shared with the Zapier app, at least 32 characters. Never printed; prefer the env variable.',
  },
  {
    flag: 'highlevel-public-key',
    env: 'RELAY_HIGHLEVEL_PUBLIC_KEY',
    kind: 'string',
    default: "HighLevel's published Ed25519 key",
    help: 'Ed25519 public key (PEM text or @file) that verifies X-GHL-Signature.',
  },
  {
    flag: 'legacy-rsa',
    env: 'RELAY_LEGACY_RSA',
    kind: 'boolean',
    default: 'off',
    help: 'Also accept the legacy X-WH-Signature (RSA-SHA256) when X-GHL-Signature is absent.',
  },
  {
    flag: 'highlevel-rsa-public-key',
    env: 'RELAY_HIGHLEVEL_RSA_PUBLIC_KEY',
    kind: 'string',
    default: '(none; required with --legacy-rsa)',
    help: 'RSA public key (PEM text or @file) that verifies X-WH-Signature.',
  },
  {
    flag: 'highlevel-api-url',
    env: 'RELAY_HIGHLEVEL_API_URL',
    kind: 'string',
    default: 'https://services.leadconnectorhq.com',
    help: "HighLevel's API base URL, used once per subscription to check the access token.",
  },
  {
    flag: 'allow-target-host',
    env: 'RELAY_ALLOW_TARGET_HOST',
    kind: 'list',
    default: 'hooks.zapier.com',
    help: 'Host a subscription may deliver to over https (repeatable; env: comma-separated). Replaces the default.',
  },
  {
    flag: 'allow-loopback-targets',
    env: 'RELAY_ALLOW_LOOPBACK_TARGETS',
    kind: 'boolean',
    default: 'off',
    help: 'Also allow http://127.0.0.1:<port> targets (tests only).',
  },
  {
    flag: 'retention-days',
    env: 'RELAY_RETENTION_DAYS',
    kind: 'string',
    default: '7',
    help: 'Days events, deliveries and dead letters are kept; a webhook whose timestamp is older than this less 1 hour is dropped (de-duplication may have forgotten it).',
  },
  {
    flag: 'contact-state-days',
    env: 'RELAY_CONTACT_STATE_DAYS',
    kind: 'string',
    default: '90',
    help: 'Days a contact\'s tag list and field digests are kept after its last event; its next event after that fires no Tag Added/Removed (README "Contact changes").',
  },
  {
    flag: 'retry-schedule',
    env: 'RELAY_RETRY_SCHEDULE',
    kind: 'string',
    default: '5,30,120,600,1800,3600,10800,21600,43200,86400',
    help: 'Seconds before each retry (decimals allowed), ±20% jitter; its length is the retry budget.',
  },
  {
    flag: 'delivery-timeout-ms',
    env: 'RELAY_DELIVERY_TIMEOUT_MS',
    kind: 'string',
    default: '10000',
    help: "How long one POST to a Zap's hook may take.",
  },
  {
    flag: 'max-body-bytes',
    env: 'RELAY_MAX_BODY_BYTES',
    kind: 'string',
    default: String(1024 * 1024),
    help: 'Largest webhook body accepted (bytes); larger ones get 413.',
  },
  {
    flag: 'concurrency',
    env: 'RELAY_CONCURRENCY',
    kind: 'string',
    default: '64',
    help: 'Deliveries in flight at once (this process); the last quarter only for subscriptions that hold none and are not slow.',
  },
  {
    flag: 'per-target-concurrency',
    env: 'RELAY_PER_TARGET_CONCURRENCY',
    kind: 'string',
    default: '8',
    help: 'Deliveries in flight at once to one subscription (1 while it is slow: a delivery ran out of time), so slow Zaps cannot hold every slot.',
  },
];

export class ConfigError extends Error {}

const integer = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `--${name} must be a number.` })
    .int({ error: `--${name} must be a whole number.` })
    .min(min, { error: `--${name} must be at least ${min}.` })
    .max(max, { error: `--${name} must be at most ${max}.` });

const readKey = (name: string, value: string): string => {
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = readFileSync(value.slice(1), 'utf8');
    } catch {
      throw new ConfigError(`--${name}: cannot read the file ${value.slice(1)}.`);
    }
  }
  try {
    createPublicKey(text);
  } catch {
    throw new ConfigError(`--${name} is not a PEM public key.`);
  }
  return text;
};

const parseDatabase = (value: string): RelayConfig['database'] => {
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length);
    if (!file) throw new ConfigError('--database sqlite: needs a file, e.g. sqlite:./relay-data/relay.db.');
    return { kind: 'sqlite', path: file };
  }
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgres', url: value };
  throw new ConfigError('--database must start with sqlite: or postgres://.');
};

const parseSchedule = (value: string): number[] => {
  const parts = value.split(',').map((part) => part.trim());
  const seconds = parts.map(Number);
  if (
    parts.some((part) => part === '') ||
    seconds.some((s) => !Number.isFinite(s) || s < 0 || s > 7 * 86400)
  ) {
    throw new ConfigError(
      '--retry-schedule must be comma-separated seconds between 0 and 604800, e.g. 5,30,120.',
    );
  }
  return seconds.map((s) => Math.round(s * 1000));
};

const hostSchema = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, {
  error: '--allow-target-host must be a host name such as hooks.zapier.com.',
});

const truthy = (value: string): boolean => {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off|)$/i.test(value)) return false;
  throw new ConfigError(`"${value}" is not on or off.`);
};

const unwrap = <T>(schema: z.ZodType<T>, value: unknown): T => {
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(result.error.issues[0]?.message ?? 'Invalid option.');
  return result.data;
};

/** Reads flags (argv without the node and script names) and the environment into a checked configuration. */
export const loadConfig = (argv: readonly string[], env: NodeJS.ProcessEnv): RelayConfig => {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const option of OPTIONS) {
    options[option.flag] =
      option.kind === 'boolean'
        ? { type: 'boolean' }
        : option.kind === 'list'
          ? { type: 'string', multiple: true }
          : { type: 'string' };
  }
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.split('\n')[0]} (see --help).`);
  }
  const get = (flag: string): string | undefined => {
    const spec = OPTIONS.find((option) => option.flag === flag);
    const value = values[flag];
    if (typeof value === 'string') return value;
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (Array.isArray(value)) return value.map(String).join(',');
    return spec ? env[spec.env] : undefined;
  };
  const text = (flag: string, fallback: string): string => get(flag) ?? fallback;

  const secret = get('secret');
  if (!secret) throw new ConfigError('The app secret is required: set RELAY_SECRET (or --secret).');
  if (secret.length < 32) throw new ConfigError('The app secret must be at least 32 characters.');

  const legacyRsa = truthy(text('legacy-rsa', 'false'));
  const rsaKeyText = get('highlevel-rsa-public-key');
  if (legacyRsa && !rsaKeyText) {
    throw new ConfigError('--legacy-rsa needs --highlevel-rsa-public-key (PEM text or @file).');
  }
  const apiUrl = unwrap(
    z.url({ protocol: /^https?$/, error: '--highlevel-api-url must be an http(s) URL.' }),
    text('highlevel-api-url', 'https://services.leadconnectorhq.com'),
  ).replace(/\/+$/, '');

  const hosts = text('allow-target-host', 'hooks.zapier.com')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  if (hosts.length === 0) throw new ConfigError('--allow-target-host needs at least one host.');
  hosts.forEach((host) => unwrap(hostSchema, host));

  return {
    port: unwrap(integer('port', 0, 65535), text('port', '8787')),
    host: unwrap(z.string().min(1, { error: '--host must not be empty.' }), text('host', '127.0.0.1')),
    database: parseDatabase(text('database', 'sqlite:./relay-data/relay.db')),
    secret,
    highlevelPublicKey: readKey(
      'highlevel-public-key',
      text('highlevel-public-key', HIGHLEVEL_ED25519_PUBLIC_KEY),
    ),
    legacyRsa,
    highlevelRsaPublicKey: rsaKeyText ? readKey('highlevel-rsa-public-key', rsaKeyText) : undefined,
    highlevelApiUrl: apiUrl,
    allowTargetHosts: hosts,
    allowLoopbackTargets: truthy(text('allow-loopback-targets', 'false')),
    retentionDays: unwrap(integer('retention-days', 1, 3650), text('retention-days', '7')),
    contactStateDays: unwrap(integer('contact-state-days', 1, 3650), text('contact-state-days', '90')),
    retrySchedule: parseSchedule(text('retry-schedule', '5,30,120,600,1800,3600,10800,21600,43200,86400')),
    deliveryTimeoutMs: unwrap(
      integer('delivery-timeout-ms', 100, 120_000),
      text('delivery-timeout-ms', '10000'),
    ),
    maxBodyBytes: unwrap(
      integer('max-body-bytes', 1024, 64 * 1024 * 1024),
      text('max-body-bytes', '1048576'),
    ),
    concurrency: unwrap(integer('concurrency', 1, 4096), text('concurrency', '64')),
    perTargetConcurrency: unwrap(
      integer('per-target-concurrency', 1, 4096),
      text('per-target-concurrency', '8'),
    ),
  };
};

/** The human summary printed on start: every option, the secret left out. */
export const describeConfig = (config: RelayConfig): string =>
  [
    `database: ${config.database.kind === 'sqlite' ? `sqlite ${config.database.path}` : `postgres ${redactUrl(config.database.url)}`}`,
    `highlevel api: ${config.highlevelApiUrl}`,
    `highlevel key: Ed25519${config.highlevelPublicKey === HIGHLEVEL_ED25519_PUBLIC_KEY ? " (HighLevel's published key)" : ' (configured)'}; legacy RSA ${config.legacyRsa ? 'on' : 'off'}`,
    `targets: https://${config.allowTargetHosts.join(', https://')}${config.allowLoopbackTargets ? ', http://127.0.0.1 (loopback, tests only)' : ''}`,
    `retries: ${config.retrySchedule.map((ms) => ms / 1000).join(',')} s (±20%); timeout ${config.deliveryTimeoutMs} ms`,
    `concurrency: ${config.concurrency} (per target ${config.perTargetConcurrency}); max body ${config.maxBodyBytes} bytes; retention ${config.retentionDays} days; contact state ${config.contactStateDays} days`,
    'secret: set (not shown)',
  ].join('\n');

/** A database URL without its password. */
export const redactUrl = (url: string): string => url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');

export const helpText = (): string => {
  const lines = [
    'Usage: npm run relay -- [options]',
    '       npm run relay -- replay --dead [--subscription ID] [--since ISO] [--database …]',
    '',
    "Receives HighLevel's app webhooks at POST /v1/highlevel/webhooks and delivers each event to the Zapier hooks",
    'that subscribed to it. Prints RELAY_URL=http://<host>:<port> on stdout once listening.',
    '',
    'Options (flag, environment variable, default):',
  ];
  for (const option of OPTIONS) {
    const flag = option.kind === 'boolean' ? `--${option.flag}` : `--${option.flag} <value>`;
    lines.push(`  ${flag}`, `      env ${option.env}; default: ${option.default}`, `      ${option.help}`);
  }
  lines.push('  --help', '      Show this text.');
  return lines.join('\n');
};

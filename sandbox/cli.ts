/**
 * `npm run sandbox` — starts the sandbox alone, seeded, for `npx zapier-platform invoke` and manual tries.
 * `npm run sandbox -- --help` lists the options and their defaults (from OPTIONS below, the one list).
 */
import { readFileSync } from 'node:fs';
import { startSandbox } from './server';

export interface CliFlags {
  port: number;
  seed: number;
  rateLimit: number;
  /** Where to POST the sandbox's webhooks (absent: none are sent). */
  webhookUrl?: string;
  /** The Ed25519 private key (PKCS#8 PEM) that signs them (absent: a new key pair). */
  webhookKey?: string;
}

interface TextOptionSpec {
  flag: string;
  key: 'webhookUrl' | 'webhookKey';
  value: string;
  explains: string;
}

/** The options that take text (the whole-number ones are OPTIONS). */
export const TEXT_OPTIONS: readonly TextOptionSpec[] = [
  {
    flag: '--webhook-url',
    key: 'webhookUrl',
    value: '<url>',
    explains:
      "POST HighLevel-style signed webhooks of every change there (e.g. the relay's /v1/highlevel/webhooks). Default: none sent.",
  },
  {
    flag: '--webhook-key',
    key: 'webhookKey',
    value: '<pem|@file>',
    explains:
      'Ed25519 private key (PKCS#8 PEM, or @path to a file) that signs them. Default: a new key pair.',
  },
];

interface OptionSpec {
  flag: string;
  key: 'port' | 'seed' | 'rateLimit';
  default: number;
  explains: string;
}

export const OPTIONS: readonly OptionSpec[] = [
  {
    flag: '--port',
    key: 'port',
    default: 4600,
    explains: 'Port to listen on (127.0.0.1 only); 0 picks any free port.',
  },
  {
    flag: '--seed',
    key: 'seed',
    default: 200,
    explains: 'Generated contacts added to the demo data; the same on every start.',
  },
  {
    flag: '--rate-limit',
    key: 'rateLimit',
    default: 100,
    explains: 'Requests per sub-account per 10 s before the sandbox answers 429.',
  },
];

export const HELP = [
  'Usage: npm run sandbox -- [--port <n>] [--seed <n>] [--rate-limit <n>] [--webhook-url <url>] [--webhook-key <pem|@file>]',
  '',
  'Starts a local HighLevel-compatible API with a demo sub-account and prints the .env lines for',
  '`npx zapier-platform invoke` against it. Tokens live in memory: restarting the sandbox invalidates',
  'them, so copy the new .env lines after every start.',
  '',
  'Options (each takes a whole number, as `--port 4700` or `--port=4700`):',
  ...OPTIONS.map(
    (option) => `  ${`${option.flag} <n>`.padEnd(18)}${option.explains} Default: ${option.default}.`,
  ),
  '',
  'Webhooks (docs/SANDBOX.md §6; the public key that verifies X-GHL-Signature is printed at start and served',
  'at GET /sandbox/webhooks/public-key):',
  ...TEXT_OPTIONS.flatMap((option) => [`  ${option.flag} ${option.value}`, `      ${option.explains}`]),
  `  ${'-h, --help'.padEnd(18)}Shows this help.`,
].join('\n');

const USAGE_HINT = 'Run `npm run sandbox -- --help` for the options.';

/** The command line → flags, or 'help'; throws a plain message for an unknown flag or a bad value. */
export const parseFlags = (argv: readonly string[]): CliFlags | 'help' => {
  const flags = Object.fromEntries(
    OPTIONS.map((option) => [option.key, option.default]),
  ) as unknown as CliFlags;
  for (let i = 0; i < argv.length; i += 1) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    if (name === '--help' || name === '-h') return 'help';
    const text = TEXT_OPTIONS.find((candidate) => candidate.flag === name);
    if (text) {
      const raw = inline ?? argv[(i += 1)];
      if (raw === undefined || raw.trim() === '' || raw.startsWith('--'))
        throw new Error(`${name} needs a value ${text.value}. ${USAGE_HINT}`);
      if (text.key === 'webhookUrl' && !/^https?:\/\/\S+$/.test(raw))
        throw new Error(`${name} needs an http(s) URL. ${USAGE_HINT}`);
      flags[text.key] = raw;
      continue;
    }
    const option = OPTIONS.find((candidate) => candidate.flag === name);
    if (!option) throw new Error(`Unknown option ${argv[i]}. ${USAGE_HINT}`);
    const raw = inline ?? argv[(i += 1)];
    const value = Number(raw);
    if (raw === undefined || raw.trim() === '' || !Number.isInteger(value) || value < 0) {
      throw new Error(`${name} needs a whole number (default ${option.default}). ${USAGE_HINT}`);
    }
    flags[option.key] = value;
  }
  return flags;
};

/** `--webhook-key`: the PEM itself, or `@path` to a file holding it. */
const readKey = (value: string): string =>
  value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : value;

export const busyPortMessage = (port: number): string =>
  `Port ${port} is in use: pass --port <n> or --port 0 for any free port.`;

const isBusyPort = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';

/** Runs the command line; resolves once the sandbox listens (or the help is printed). */
export const main = async (argv: readonly string[]): Promise<void> => {
  const flags = parseFlags(argv);
  if (flags === 'help') {
    console.log(HELP);
    return;
  }
  const started = Date.now();
  const sandbox = await startSandbox({
    port: flags.port,
    seed: flags.seed,
    rateLimit: { max: flags.rateLimit, intervalMs: 10_000 },
    logRequests: true,
    ...(flags.webhookUrl !== undefined ? { webhookUrl: flags.webhookUrl } : {}),
    ...(flags.webhookKey !== undefined ? { webhookPrivateKey: readKey(flags.webhookKey) } : {}),
  }).catch((error: unknown) => {
    throw isBusyPort(error) ? new Error(busyPortMessage(flags.port)) : error;
  });
  const tokens = sandbox.issueTokens();
  const expiresAt = Math.floor(Date.now() / 1000) + tokens.expires_in;
  console.log(
    [
      `HighLevel sandbox listening on ${sandbox.url} (${flags.seed} contacts seeded in ${Date.now() - started} ms)`,
      '',
      `OAuth client id:     ${sandbox.clientId}`,
      `OAuth client secret: ${sandbox.clientSecret}`,
      `Sub-account:         Demo Sub-Account (${sandbox.locationId})`,
      '',
      '# .env for `npx zapier-platform invoke` against the sandbox.',
      '# The tokens live as long as this sandbox: after a restart, copy these lines again.',
      `CLIENT_ID=${sandbox.clientId}`,
      `CLIENT_SECRET=${sandbox.clientSecret}`,
      `HIGHLEVEL_API_URL=${sandbox.url}`,
      `HIGHLEVEL_MARKETPLACE_URL=${sandbox.url}`,
      `authData_access_token=${tokens.access_token}`,
      `authData_refresh_token=${tokens.refresh_token}`,
      `authData_locationId=${tokens.locationId}`,
      `authData_companyId=${tokens.companyId}`,
      `authData_userId=${tokens.userId}`,
      `authData_expires_at=${expiresAt}`,
      '',
      flags.webhookUrl !== undefined
        ? `Webhooks: every change is POSTed to ${flags.webhookUrl}, signed (X-GHL-Signature) with the key below.`
        : 'Webhooks: off (pass --webhook-url <url> to send them). Their public key:',
      sandbox.webhooks.publicKey.trim(),
      '',
      'Requests are logged below. Ctrl-C stops the sandbox.',
    ].join('\n'),
  );
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

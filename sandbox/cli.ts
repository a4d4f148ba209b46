/**
 * `npm run sandbox` — starts the sandbox alone, seeded, for `npx zapier-platform invoke` and manual tries.
 * `npm run sandbox -- --help` lists the options and their defaults (from OPTIONS below, the one list).
 */
import { startSandbox } from './server';

export interface CliFlags {
  port: number;
  seed: number;
  rateLimit: number;
}

interface OptionSpec {
  flag: string;
  key: keyof CliFlags;
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
  'Usage: npm run sandbox -- [--port <n>] [--seed <n>] [--rate-limit <n>]',
  '',
  'Starts a local HighLevel-compatible API with a demo sub-account and prints the .env lines for',
  '`npx zapier-platform invoke` against it. Tokens live in memory: restarting the sandbox invalidates',
  'them, so copy the new .env lines after every start.',
  '',
  'Options (each takes a whole number, as `--port 4700` or `--port=4700`):',
  ...OPTIONS.map(
    (option) => `  ${`${option.flag} <n>`.padEnd(18)}${option.explains} Default: ${option.default}.`,
  ),
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

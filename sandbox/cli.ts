/**
 * `npm run sandbox` — starts the sandbox alone, seeded, for `npx zapier-platform invoke` and manual tries.
 * Flags: --port N (default 4600), --seed N (default 200), --rate-limit N (burst max per 10 s, default 100).
 */
import { startSandbox } from './server';

const usage = 'Usage: npm run sandbox -- [--port N] [--seed N] [--rate-limit N]';

const parseFlags = (argv: readonly string[]): { port: number; seed: number; rateLimit: number } => {
  const flags = { port: 4600, seed: 200, rateLimit: 100 };
  for (let i = 0; i < argv.length; i += 1) {
    const [name, inline] = argv[i].split('=', 2);
    const key =
      name === '--port'
        ? 'port'
        : name === '--seed'
          ? 'seed'
          : name === '--rate-limit'
            ? 'rateLimit'
            : undefined;
    if (name === '--help' || name === '-h') {
      console.log(usage);
      process.exit(0);
    }
    if (!key) throw new Error(`Unknown flag ${argv[i]}\n${usage}`);
    const raw = inline ?? argv[(i += 1)];
    const value = Number(raw);
    if (raw === undefined || !Number.isInteger(value) || value < 0)
      throw new Error(`${name} needs a whole number\n${usage}`);
    flags[key] = value;
  }
  return flags;
};

const main = async (): Promise<void> => {
  const flags = parseFlags(process.argv.slice(2));
  const started = Date.now();
  const sandbox = await startSandbox({
    port: flags.port,
    seed: flags.seed,
    rateLimit: { max: flags.rateLimit, intervalMs: 10_000 },
    logRequests: true,
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
      '# .env for `npx zapier-platform invoke` against the sandbox:',
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

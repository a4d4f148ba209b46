/**
 * Runs the relay as a black box: a real process started through its CLI with flags (the secret by env
 * `RELAY_SECRET`, never argv), ready once it printed its `RELAY_URL=http://…` line on stdout. `kill()` sends
 * SIGKILL (or any signal) and waits for the exit; `restart()` starts a new process with the same options (same
 * database), e.g. after a kill -9.
 *
 * How it is started: `node --import tsx relay/src/cli.ts` (the sources, always current) by default;
 * `RELAY_CLI=dist` (or `mode: 'dist'`) runs `node relay/dist/cli.js` (after `npm run build -w relay`).
 * `RELAY_CHECKOUT=<repo folder>` takes the relay from another checkout of the repo.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** Where the relay's code is taken from: this checkout, or another one named by RELAY_CHECKOUT (trying a branch). */
const RELAY_ROOT = process.env.RELAY_CHECKOUT ? resolve(process.env.RELAY_CHECKOUT) : REPO_ROOT;

export type RelayOptions = {
  /** `sqlite:/path/relay.db` or `postgres://…`. */
  database: string;
  secret: string;
  /** SPKI PEM of the Ed25519 key webhooks are signed with (written to a file, passed as `@file`). */
  highLevelPublicKeyPem: string;
  /** Base URL of the (fake) HighLevel API that checks tokens. */
  highLevelApiUrl: string;
  /** More flags, e.g. `['--retry-schedule', '1,1,1', '--concurrency', '16']`. */
  args?: string[];
  env?: Record<string, string>;
  mode?: 'src' | 'dist';
  /** How long to wait for the RELAY_URL line (default 90 s: a loaded 2-core machine compiles slowly). */
  startTimeoutMs?: number;
};

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type RelayProcess = {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything it wrote to stderr so far (its JSON logs). */
  stderr(): string;
  exited: Promise<Exit>;
  /** Sends `signal` (default SIGKILL) and waits for the process to be gone. */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
  /** A new process on the same options (the same database). */
  restart(): Promise<RelayProcess>;
};

const tail = (text: string, lines = 20): string => text.trim().split('\n').slice(-lines).join('\n');

export function relayCommand(
  mode: 'src' | 'dist' = process.env.RELAY_CLI === 'dist' ? 'dist' : 'src',
): string[] {
  if (mode === 'dist') {
    const cli = join(RELAY_ROOT, 'relay', 'dist', 'cli.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build -w relay\` first.`);
    return [cli];
  }
  return ['--import', 'tsx', join(RELAY_ROOT, 'relay', 'src', 'cli.ts')];
}

export async function startRelay(options: RelayOptions): Promise<RelayProcess> {
  const keyDir = mkdtempSync(join(tmpdir(), 'relay-key-'));
  const keyFile = join(keyDir, 'highlevel-ed25519.pem');
  writeFileSync(keyFile, options.highLevelPublicKeyPem);
  const args = [
    ...relayCommand(options.mode),
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--database',
    options.database,
    '--highlevel-public-key',
    `@${keyFile}`,
    '--highlevel-api-url',
    options.highLevelApiUrl,
    '--allow-loopback-targets',
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: RELAY_ROOT,
    env: { ...process.env, ...options.env, RELAY_SECRET: options.secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<Exit>((resolveExit) => {
    child.on('exit', (code, signal) => {
      rmSync(keyDir, { recursive: true, force: true });
      resolveExit({ code, signal });
    });
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    // Keep the last ~1 MB: a long bench must not grow the test process without bound.
    stderr = (stderr + chunk).slice(-1_000_000);
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `The relay printed no RELAY_URL line within ${options.startTimeoutMs ?? 90_000} ms.\n${tail(stderr)}`,
        ),
      );
    }, options.startTimeoutMs ?? 90_000);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^RELAY_URL=(\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The relay exited (${signal ?? code}) before printing RELAY_URL.\n${tail(stderr)}`));
    });
  });
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    child,
    stderr: () => stderr,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    restart: () => startRelay(options),
  };
}

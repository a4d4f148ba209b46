/**
 * Starts a real PostgreSQL server for one test file (or one bench run): a fresh cluster in a temporary folder, on a
 * free loopback port, with fsync on (durability tests must see what a real server does on kill -9).
 *
 *   const pg = await startPostgres();
 *   const url = await pg.createDatabase('relay_a'); // or pg.url (database "postgres")
 *   ...
 *   await pg.stop();
 *
 * initdb refuses to run as root, so when the process is root the cluster folder is handed to the `postgres` user and
 * every server command runs through `runuser -u postgres --`. When not root the commands run directly.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type PostgresServer = {
  /** `postgres://relay@127.0.0.1:<port>/postgres` — the cluster's default database. */
  url: string;
  port: number;
  /** The cluster folder (also holds the server log, `log`). */
  dir: string;
  /** Creates an empty database and returns its URL (use one per test so tests do not see each other's rows). */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown, then removes the folder. Safe to call twice. */
  stop(): Promise<void>;
};

const SUPERUSER = 'relay';

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Finds the folder holding initdb/pg_ctl: $PG_BIN, then the newest /usr/lib/postgresql/<v>/bin, then pg_config. */
export function findPostgresBin(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(join(root, v, 'bin'));
  }
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config is optional
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      `PostgreSQL could not start: no initdb/pg_ctl found (looked in ${candidates.join(', ') || 'nothing'}). ` +
        'Install the PostgreSQL server (Debian: postgresql-15) or set PG_BIN.',
    );
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

type RunResult = { code: number; output: string };

/** Runs a server binary (as `postgres` when we are root); never throws, returns exit code and output. */
function run(bin: string, args: string[], timeoutMs = 60_000): Promise<RunResult> {
  const [file, fullArgs] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return new Promise((resolve) => {
    execFile(file, fullArgs, { encoding: 'utf8', timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

function lastLines(text: string, count = 15): string {
  return text.trim().split('\n').slice(-count).join('\n');
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'log'), 'utf8');
  } catch {
    return '';
  }
}

const running = new Set<{ bin: string; dir: string }>();
let exitHookInstalled = false;

/** If a test run dies without calling stop(), do not leave servers behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const { bin, dir } of running) {
      try {
        const args = ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'];
        if (isRoot())
          execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args], {
            stdio: 'ignore',
          });
        else execFileSync(join(bin, 'pg_ctl'), args, { stdio: 'ignore' });
      } catch {
        // best effort
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

export async function startPostgres(options: { attempts?: number } = {}): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'relay-pg-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const fail = (why: string): never => {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL could not start: ${why}`);
  };

  const init = await run(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    SUPERUSER,
    '-E',
    'UTF8',
    '--no-instructions',
  ]);
  if (init.code !== 0) fail(`initdb failed:\n${lastLines(init.output)}`);

  // A free port can be taken between probing and binding; try a few.
  const attempts = options.attempts ?? 3;
  let port = 0;
  let lastError = '';
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    port = await freePort();
    const serverOptions = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=on',
      '-c max_connections=200',
    ].join(' ');
    const start = await run(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-o',
      serverOptions,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
    if (start.code === 0) {
      lastError = '';
      break;
    }
    lastError = `${lastLines(start.output, 5)}\n${lastLines(readLog(dir))}`;
    await run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
  }
  if (lastError) fail(lastError);

  const handle = { bin, dir };
  running.add(handle);
  installExitHook();

  const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    dir,
    async createDatabase(name: string): Promise<string> {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
      const result = await run(join(bin, 'createdb'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        SUPERUSER,
        name,
      ]);
      if (result.code !== 0) throw new Error(`createdb ${name} failed:\n${lastLines(result.output)}`);
      return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      running.delete(handle);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

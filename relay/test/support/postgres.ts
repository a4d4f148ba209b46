/**
 * A minimal real PostgreSQL for tests: a fresh cluster (initdb) in a temporary folder on a free loopback port,
 * started and stopped with pg_ctl. initdb refuses root, so as root every server command runs as the `postgres`
 * user through runuser. When the server cannot start, the error says why (with the server's log).
 * Same interface as the black-box suite's starter: `startPostgres()` → { url, port, dir, createDatabase, stop }.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  url: string;
  port: number;
  dir: string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const binDir = (): string => {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  const found = [
    process.env.PG_BIN,
    ...versions.sort((a, b) => Number(b) - Number(a)).map((v) => `${root}/${v}/bin`),
  ]
    .filter((dir): dir is string => Boolean(dir))
    .find((dir) => existsSync(path.join(dir, 'initdb')));
  if (!found)
    throw new Error('PostgreSQL cannot start: no initdb found (install postgresql-15 or set PG_BIN).');
  return found;
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const run = (program: string, args: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
    execFile(file, argv, { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error)
        reject(
          new Error(`${path.basename(program)} failed: ${String(stderr || stdout || error.message).trim()}`),
        );
      else resolve(stdout);
    });
  });

export const startPostgres = async (): Promise<PostgresServer> => {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'relay-pg-'));
  if (asRoot) {
    const uid = Number(
      (
        await new Promise<string>((resolve) => execFile('id', ['-u', 'postgres'], (_e, out) => resolve(out)))
      ).trim(),
    );
    const gid = Number(
      (
        await new Promise<string>((resolve) => execFile('id', ['-g', 'postgres'], (_e, out) => resolve(out)))
      ).trim(),
    );
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    await run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'relay', '--no-sync']);
    await run(path.join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      '-l',
      path.join(dir, 'log'),
      '-w',
      'start',
    ]);
  } catch (error) {
    const log = existsSync(path.join(dir, 'log'))
      ? readFileSync(path.join(dir, 'log'), 'utf8').slice(-2000)
      : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL could not start: ${(error as Error).message}\n${log}`);
  }
  const url = `postgres://relay@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    dir,
    async createDatabase(name: string): Promise<string> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name.replace(/[^a-z0-9_]/gi, '_')}`);
      } finally {
        await client.end();
      }
      return `postgres://relay@127.0.0.1:${port}/${name}`;
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

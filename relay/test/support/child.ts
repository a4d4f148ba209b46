/**
 * The relay as its own process, started through its CLI as an operator does (`node --import tsx src/cli.ts`), so a
 * test can `kill -9` it. Resolves once the process printed its RELAY_URL line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SECRET, ed25519 } from './kit';

export interface RelayChild {
  url: string;
  process: ChildProcess;
  stderr: () => string;
  /** SIGKILL, then waits for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

const CLI = path.join(__dirname, '..', '..', 'src', 'cli.ts');

export const spawnRelay = (args: string[], env: Record<string, string> = {}): Promise<RelayChild> =>
  new Promise((resolve, reject) => {
    // `node --import tsx` runs the CLI in this one process; the `tsx` command would run it in a child process
    // of its own, which a SIGKILL of the wrapper leaves running.
    // RELAY_BENCH_CPU_PROF_DIR (relay/bench/run.ts): each relay writes a V8 CPU profile there when it stops.
    const profile = process.env.RELAY_BENCH_CPU_PROF_DIR;
    const node = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
    const child = spawn(process.execPath, [...node, '--import', 'tsx', CLI, '--port', '0', ...args], {
      env: {
        ...process.env,
        RELAY_SECRET: SECRET,
        RELAY_HIGHLEVEL_PUBLIC_KEY: ed25519.publicKey,
        RELAY_ALLOW_LOOPBACK_TARGETS: 'on',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.length > 200_000) err = err.slice(-100_000);
    });
    const timer = setTimeout(
      () => reject(new Error(`The relay did not start in 60 s:\n${err.slice(-2000)}`)),
      60_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The relay exited (${code}) before printing RELAY_URL:\n${err.slice(-2000)}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /RELAY_URL=(\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({
          url,
          process: child,
          stderr: () => err,
          kill9: async () => {
            child.kill('SIGKILL');
            await exited;
          },
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
  });

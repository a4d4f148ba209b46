/**
 * The relay (`relay/`, docs/RELAY_CONTRACT.md) as a child process, the way it runs in production: its own CLI
 * (`relay/src/cli.ts` through tsx, on this Node), started with a command line, stopped with a signal, restarted on
 * the same port and database (docs/HOOKS.md §3). The secret is passed in the environment (`RELAY_SECRET`), never
 * on the command line, and never printed. The relay's stderr is kept in memory (its logs carry no secrets).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '..', '..');
// tsx's loader inside the relay's own process (`tsx/cli` would run it in a grandchild that a kill leaves behind).
const TSX_PREFLIGHT = require.resolve('tsx/preflight');
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
const RELAY_CLI = path.join(ROOT, 'relay', 'src', 'cli.ts');

export interface RelayProcessOptions {
  /** `sqlite:<file>` or a PostgreSQL URL. */
  database: string;
  /** The app secret (≥ 32 characters), shared with the app's `RELAY_SECRET`. */
  secret: string;
  /** The Ed25519 public key (PEM) that verifies `X-GHL-Signature`: the sandbox's. */
  highlevelPublicKey: string;
  /** HighLevel's API base: the sandbox's URL. */
  highlevelApiUrl: string;
  /** Port on 127.0.0.1. Default 0 (a free one; a restart keeps the port it got). */
  port?: number;
  /** Seconds before each retry of a delivery, comma-separated (the relay's `--retry-schedule`). */
  retrySchedule?: string;
  /** More command-line flags. */
  args?: string[];
  /** How long to wait for `RELAY_URL=` on stdout. Default 30 s (tsx compiles the relay on start). */
  startTimeoutMs?: number;
}

/**
 * Ports of relays this process stopped or killed. The sandbox goes on sending webhooks to a relay that is down
 * (HighLevel retries, docs/HOOKS.md §4), so the bench's TCP check explains the refused connections to these ports.
 */
export const stoppedRelayPorts = new Set<number>();

export class RelayProcess {
  /** The relay's stderr, line by line (last 2,000 lines). */
  readonly log: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  url = '';
  port: number;

  private constructor(private readonly options: RelayProcessOptions) {
    this.port = options.port ?? 0;
  }

  static async start(options: RelayProcessOptions): Promise<RelayProcess> {
    const relay = new RelayProcess(options);
    await relay.launch();
    return relay;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The relay's ingest URL, where the sandbox posts its webhooks. */
  get ingestUrl(): string {
    return `${this.url}/v1/highlevel/webhooks`;
  }

  private async launch(): Promise<void> {
    const args = [
      '--require',
      TSX_PREFLIGHT,
      '--import',
      TSX_LOADER,
      RELAY_CLI,
      '--port',
      String(this.port),
      '--database',
      this.options.database,
      // Inline: a PEM starts with dashes, which a separate argument would read as a flag.
      `--highlevel-public-key=${this.options.highlevelPublicKey}`,
      '--highlevel-api-url',
      this.options.highlevelApiUrl,
      '--allow-loopback-targets',
      ...(this.options.retrySchedule ? ['--retry-schedule', this.options.retrySchedule] : []),
      ...(this.options.args ?? []),
    ];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, RELAY_SECRET: this.options.secret, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // Never leave a relay behind when this process ends (an orphan would keep its port and database).
    const reap = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    process.once('exit', reap);
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        process.removeListener('exit', reap);
        resolve();
      }),
    );
    let pending = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      this.log.push(...lines);
      if (this.log.length > 2_000) this.log.splice(0, this.log.length - 2_000);
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(
        () =>
          reject(new Error(`The relay did not start within ${this.options.startTimeoutMs ?? 30_000} ms.`)),
        this.options.startTimeoutMs ?? 30_000,
      );
      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (chunk: string) => {
        out += chunk;
        const match = /RELAY_URL=(\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `The relay exited before listening (${signal ?? `code ${code}`}): ${this.log.slice(-5).join(' | ')}`,
          ),
        );
      });
    });
    this.url = url;
    this.port = Number(new URL(url).port);
  }

  /** Kills the relay (`SIGKILL` by default: no goodbye) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    stoppedRelayPorts.add(this.port);
    this.child?.kill(signal);
    await this.exited;
  }

  /** Starts it again on the same port and database (after `kill`, or kills it first). */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** Stops it politely (SIGTERM), or kills it after 5 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    stoppedRelayPorts.add(this.port);
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * The instant rig (docs/HOOKS.md §3): the sandbox sending its webhooks to a real relay process, the app loaded
 * with `RELAY_URL` / `RELAY_SECRET` (so its hook triggers exist) and pointed at the sandbox, and the emulated
 * Zapier (zapierHooks.ts) whose Zaps subscribe through the relay. Shared by `npm start`, the e2e tests, the truth
 * simulator's instant scenarios and the bench. One rig per process at a time (process.env is global); `close()`
 * puts the environment back and removes the relay's database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { pointAppAt } from './local';
import { RelayProcess } from './relayProcess';
import {
  authDataFromTokens,
  createRuntime,
  type AppDefinition,
  type Runtime,
  type RuntimeOptions,
} from './runtime';
import { ZapierStateServer } from './zapierPlatform';
import { EmulatedZapier } from './zapierHooks';

export interface InstantOptions {
  /** Loads the app once the environment is set (the app decides at load time whether hook triggers exist). */
  loadApp: () => AppDefinition;
  /** Passed to startSandbox (the port is always a free one). Webhooks default to no duplicates / reordering. */
  sandbox?: Omit<SandboxOptions, 'port' | 'webhookUrl'>;
  runtime?: Omit<RuntimeOptions, 'authData'>;
  /**
   * Seconds before each retry of a relay delivery. Default `0.2,0.5,1,2,5,10,30`: the relay's own default
   * (5 s … a day) is right for Zapier, too slow for a demo.
   */
  retrySchedule?: string;
  /** More relay flags. */
  relayArgs?: string[];
  /** Start with a Location token minted by the sandbox (default), or unconnected (then `runtime.connect()`). */
  connected?: boolean;
}

export interface Instant {
  sandbox: Sandbox;
  relay: RelayProcess;
  zapier: EmulatedZapier;
  runtime: Runtime;
  app: AppDefinition;
  /** Kills the relay with SIGKILL and starts it again on the same port and database. */
  restartRelay(): Promise<void>;
  close(): Promise<void>;
}

const ENV_KEYS = ['RELAY_URL', 'RELAY_SECRET'] as const;

/**
 * zapier-platform-core exits a process that has run more than 250 steps with more than 450 MB resident
 * (src/tools/memory-checker.js). A rig runs the sandbox and thousands of hook runs in one process, which Zapier
 * never does; as in test/setup.ts and the truth bench, the ceiling is lifted for this process.
 */
const liftCoreMemoryGuard = (): void => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const constants = require('zapier-platform-core/src/constants') as { KILL_MAX_LIMIT: number };
  constants.KILL_MAX_LIMIT = Number.MAX_SAFE_INTEGER;
};

export const startInstant = async (options: InstantOptions): Promise<Instant> => {
  liftCoreMemoryGuard();
  const sandbox = await startSandbox({
    webhookDuplicateRate: 0,
    webhookReorderMs: 0,
    ...options.sandbox,
    port: 0,
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'instant-relay-'));
  const secret = randomBytes(32).toString('hex');
  let relay: RelayProcess;
  try {
    relay = await RelayProcess.start({
      database: `sqlite:${path.join(dir, 'relay.db')}`,
      secret,
      highlevelPublicKey: sandbox.webhooks.publicKey,
      highlevelApiUrl: sandbox.url,
      retrySchedule: options.retrySchedule ?? '0.2,0.5,1,2,5,10,30',
      ...(options.relayArgs ? { args: options.relayArgs } : {}),
    });
  } catch (error) {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  sandbox.webhooks.options.url = relay.ingestUrl;

  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  const restoreApp = pointAppAt(sandbox);
  process.env.RELAY_URL = relay.url;
  process.env.RELAY_SECRET = secret;
  const restoreEnv = (): void => {
    restoreApp();
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  };

  let app: AppDefinition;
  let runtime: Runtime;
  let zapier: EmulatedZapier;
  // Zapier's state service (z.cache with its nx, TTL and scopes, docs/ZAPIER.md §6), as every hook step has it on
  // Zapier: the hook triggers claim each delivery id there (lib/relay/hook.ts).
  let state: ZapierStateServer | undefined;
  try {
    app = options.loadApp();
    const authData = options.connected === false ? undefined : authDataFromTokens(sandbox.issueTokens());
    if (!options.runtime?.platform) state = await ZapierStateServer.start();
    runtime = createRuntime(app, {
      ...(state ? { platform: { server: state, identity: { connectionId: 'instant-connection' } } } : {}),
      ...options.runtime,
      authData,
    });
    zapier = await EmulatedZapier.start({ runtime });
  } catch (error) {
    await state?.stop();
    await relay.stop();
    await sandbox.close();
    restoreEnv();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  let closed = false;
  return {
    sandbox,
    relay,
    zapier,
    runtime,
    app,
    restartRelay: () => relay.restart(),
    close: async () => {
      if (closed) return;
      closed = true;
      sandbox.webhooks.close();
      await zapier.close();
      await relay.stop();
      await sandbox.close();
      await state?.stop();
      restoreEnv();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/**
 * Starts one relay process: store (migrated), dispatcher, janitor, HTTP server. `close()` stops accepting,
 * finishes what is in flight or abandons it after STOP_GRACE_MS, then closes the store (relay/README.md
 * "Stopping"). An abandoned ingest was not acknowledged, so HighLevel sends it again; an abandoned delivery's
 * lease runs out and it goes out again with the same id.
 */
import type { AddressInfo } from 'node:net';
import type { RelayConfig } from './config';
import { Dispatcher } from './dispatcher';
import { maxEventAgeMs } from './ingest';
import { startJanitor } from './janitor';
import { createLogger, type Logger } from './log';
import { Metrics } from './metrics';
import { createServer } from './server';
import { createVerifier } from './signatures';
import { openStore, type Store } from './store/store';

/** How long each step of a stop waits for what is in flight: a few seconds, so a SIGTERM always ends the process. */
export const STOP_GRACE_MS = 3_000;

/** `work`, or nothing once `ms` passed (the timer never holds the process open). */
const within = async (work: Promise<unknown>, ms: number): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([work.then(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

export interface RunningRelay {
  url: string;
  port: number;
  store: Store;
  metrics: Metrics;
  close(): Promise<void>;
}

export const startRelay = async (
  config: RelayConfig,
  log: Logger = createLogger(),
): Promise<RunningRelay> => {
  const verifier = createVerifier(
    config.highlevelPublicKey,
    config.legacyRsa ? config.highlevelRsaPublicKey : undefined,
  );
  const store = openStore(config.database);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  // One process owns an SQLite file, so what it had in flight when it stopped is due again right away.
  if (store.kind === 'sqlite') await store.recoverOwnLeases(Date.now());
  const metrics = new Metrics();
  const dispatcher = new Dispatcher(store, config, metrics, log);
  const unlisten = await store.listen(dispatcher.wake);
  dispatcher.start();
  const stopJanitor = startJanitor(store, config, log);
  const server = createServer({
    config,
    store,
    metrics,
    log,
    verifier,
    wake: dispatcher.wake,
    maxEventAgeMs: maxEventAgeMs(config.retentionDays),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    metrics,
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Keep-alive connections that finish their request later, and requests that never finish, are cut.
        const idle = setInterval(() => server.closeIdleConnections(), 100);
        await within(closed, STOP_GRACE_MS);
        clearInterval(idle);
        server.closeAllConnections();
        stopJanitor();
        await within(dispatcher.stop(), STOP_GRACE_MS);
        await within(unlisten(), STOP_GRACE_MS);
        await within(store.close(), STOP_GRACE_MS);
      })();
      return closing;
    },
  };
};

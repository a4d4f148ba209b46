#!/usr/bin/env node
/**
 * `npm run relay -- [options]` starts the relay; `npm run relay -- replay --dead …` re-arms dead letters;
 * `--help` lists every option with its environment variable and default (config.ts).
 */
import './preflight';
import { parseArgs } from 'node:util';
import { ConfigError, describeConfig, helpText, loadConfig } from './config';
import { createLogger } from './log';
import { STOP_GRACE_MS, startRelay } from './relay';
import { openStore } from './store/store';

const fail = (message: string): never => {
  process.stderr.write(`relay: ${message}\n`);
  process.exit(2);
};

const replayCommand = async (args: string[]): Promise<void> => {
  let values: { dead?: boolean; subscription?: string; since?: string; database?: string };
  try {
    values = parseArgs({
      args,
      options: {
        dead: { type: 'boolean' },
        subscription: { type: 'string' },
        since: { type: 'string' },
        database: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message.split('\n')[0]} (see --help).`);
  }
  if (!values.dead) return fail('replay needs --dead (only dead letters are replayed).');
  const since = values.since === undefined ? undefined : Date.parse(values.since);
  if (since !== undefined && Number.isNaN(since))
    return fail('--since must be an ISO date, e.g. 2026-01-31T00:00:00Z.');
  const database = values.database ?? process.env.RELAY_DATABASE ?? 'sqlite:./relay-data/relay.db';
  let target;
  try {
    // Reuse the main parser for --database alone; the secret is not needed to replay.
    target = loadConfig(['--database', database], { RELAY_SECRET: 'x'.repeat(32) }).database;
  } catch (error) {
    return fail((error as Error).message);
  }
  const store = openStore(target);
  try {
    await store.migrate();
    const replayed = await store.replayDead({ subscriptionId: values.subscription, since }, Date.now());
    process.stdout.write(`REPLAYED=${replayed}\n`);
    process.stderr.write(
      `${replayed} dead deliveries are due again; a running relay delivers them shortly.\n`,
    );
  } finally {
    await store.close();
  }
};

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${helpText()}\n`);
    return;
  }
  if (args[0] === 'replay') return replayCommand(args.slice(1));
  let config;
  try {
    config = loadConfig(args, process.env);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  const log = createLogger();
  let relay;
  try {
    relay = await startRelay(config, log);
  } catch (error) {
    return fail(`cannot start: ${(error as Error).message.split('\n')[0]}`);
  }
  process.stdout.write(`RELAY_URL=${relay.url}\n`);
  process.stderr.write(`relay listening on ${relay.url}\n${describeConfig(config)}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    // A second signal, or a stop that outlasts its bound (relay.ts STOP_GRACE_MS per step), ends the process now.
    if (stopping) {
      log.error('stopping: second signal, exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    log.info('stopping', { signal });
    setTimeout(() => {
      log.error('stopping took too long, exiting now', { signal });
      process.exit(1);
    }, 4 * STOP_GRACE_MS).unref();
    relay
      .close()
      .then(() => process.exit(0))
      .catch((error: Error) => {
        log.error('stopping failed', { error: error.message });
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
};

main().catch((error: Error) => fail(error.message));

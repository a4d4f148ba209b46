/**
 * The relay's measurements (relay/README.md "Storage" and "Figures"), all on loopback:
 * - store: the ingest path (signature, parse, one transaction), 64 callers at once, for each storage choice
 *   (SQLite with and without group commit, with and without waiting for the log's fsync; PostgreSQL 15);
 * - latency: the relay as its own process on SQLite at a fixed rate, fan-out 1 and 5; relay-added latency is the
 *   hook's receipt time minus the relay's `receivedAt` (one clock);
 * - throughput: paced at 1,000 events/s (after 1 s of warm-up), then as fast as 32 senders go, SQLite and PostgreSQL, one process and two
 *   processes on PostgreSQL.
 * Usage: npx tsx relay/bench/run.ts [--only=store,latency,throughput] [--seconds=5]
 * With RELAY_BENCH_CPU_PROF_DIR=<folder>, every relay process writes a CPU profile (`--cpu-prof`) there on stop.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { Metrics } from '../src/metrics';
import { handleWebhook, maxEventAgeMs } from '../src/ingest';
import { silentLogger } from '../src/log';
import { createVerifier } from '../src/signatures';
import { openStore } from '../src/store/store';
import { spawnRelay, type RelayChild } from '../test/support/child';
import { startPostgres, type PostgresServer } from '../test/support/postgres';
import {
  FakeHighLevel,
  HookReceiver,
  LOCATION,
  appCall,
  contactEvent,
  ed25519,
  signEd25519,
  tempDir,
  webhook,
} from '../test/support/kit';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = new Set((arg('only') ?? 'store,latency,throughput').split(','));
const SECONDS = Number(arg('seconds') ?? 5);
/** The issue's sustained-ingest target rate. */
const PACED_RATE = 1000;

const quantile = (values: number[], q: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

const results: Record<string, unknown> = {};

const storeSection = async (postgres: PostgresServer, temp: string) => {
  const variants: { name: string; open: () => ReturnType<typeof openStore> }[] = [
    {
      name: 'sqlite group commit + log fsync (default)',
      open: () => openStore({ kind: 'sqlite', path: path.join(temp, 'a.db') }),
    },
    {
      name: 'sqlite one transaction per commit',
      open: () => openStore({ kind: 'sqlite', path: path.join(temp, 'b.db') }, { groupCommit: false }),
    },
    {
      name: 'sqlite group commit, no fsync wait',
      open: () => openStore({ kind: 'sqlite', path: path.join(temp, 'c.db') }, { synchronous: 'NORMAL' }),
    },
    { name: 'postgres 15 (pool of 16)', open: () => openStore({ kind: 'postgres', url: postgres.url }) },
  ];
  const verifier = createVerifier(ed25519.publicKey, undefined);
  const rows: Record<string, unknown>[] = [];
  for (const variant of variants) {
    const store = variant.open();
    await store.migrate();
    await store.createSubscription({
      id: `sub_${variant.name.length}`,
      locationId: LOCATION,
      trigger: 'new_contact',
      filters: {},
      targetUrl: 'http://127.0.0.1:1/x',
      zapId: undefined,
      createdAt: Date.now(),
    });
    const deps = {
      store,
      verifier,
      metrics: new Metrics(),
      log: silentLogger,
      wake: () => undefined,
      maxEventAgeMs: maxEventAgeMs(7),
    };
    const latencies: number[] = [];
    const until = Date.now() + SECONDS * 1000;
    const started = Date.now();
    const worker = async () => {
      while (Date.now() < until) {
        const raw = JSON.stringify(contactEvent('ContactCreate', { id: randomUUID() }));
        const t0 = performance.now();
        const answer = await handleWebhook(deps, Buffer.from(raw), { ghl: signEd25519(raw) }, Date.now());
        if (answer.status !== 200) throw new Error(JSON.stringify(answer));
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    const rate = latencies.length / ((Date.now() - started) / 1000);
    rows.push({
      variant: variant.name,
      eventsPerSecond: Math.round(rate),
      p50Ms: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
    });
    console.log(
      `store  ${variant.name.padEnd(40)} ${Math.round(rate)} events/s  p50 ${ms(quantile(latencies, 0.5))}  p99 ${ms(quantile(latencies, 0.99))}`,
    );
    await store.close();
  }
  results.store = rows;
};

const subscribeMany = async (relay: RelayChild, hooks: HookReceiver, prefix: string, count: number) => {
  for (let i = 0; i < count; i += 1) {
    const answer = await appCall(
      relay.url,
      'POST',
      '/v1/subscriptions',
      { locationId: LOCATION, trigger: 'new_contact', targetUrl: `${hooks.url}/${prefix}/${i}` },
      { token: 'bench-token' },
    );
    if (answer.status !== 201) throw new Error(`subscribe: ${JSON.stringify(answer.body)}`);
  }
};

const latencySection = async (highlevel: FakeHighLevel, temp: string) => {
  const rows: Record<string, unknown>[] = [];
  for (const fanOut of [1, 5]) {
    const hooks = await new HookReceiver().start();
    const relay = await spawnRelay([
      '--database',
      `sqlite:${path.join(temp, `lat-${fanOut}.db`)}`,
      '--highlevel-api-url',
      highlevel.url,
    ]);
    await subscribeMany(relay, hooks, `f${fanOut}`, fanOut);
    const rate = 200;
    const total = rate * SECONDS;
    const ingest: number[] = [];
    const sends: Promise<void>[] = [];
    const started = Date.now();
    for (let i = 0; i < total; i += 1) {
      const due = started + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const t0 = performance.now();
      sends.push(
        webhook(relay.url, contactEvent('ContactCreate', { id: randomUUID() })).then((answer) => {
          if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
          ingest.push(performance.now() - t0);
        }),
      );
    }
    await Promise.all(sends);
    const deadline = Date.now() + 30_000;
    while (hooks.received.length < total * fanOut && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const added = hooks.received.map((r) => r.at - Date.parse(String(r.body.receivedAt)));
    const row = {
      fanOut,
      eventsPerSecond: rate,
      delivered: hooks.received.length,
      expected: total * fanOut,
      relayAddedP50Ms: quantile(added, 0.5),
      relayAddedP99Ms: quantile(added, 0.99),
      ingestP99Ms: quantile(ingest, 0.99),
    };
    rows.push(row);
    console.log(
      `latency sqlite fan-out ${fanOut}: ${row.delivered}/${row.expected} delivered, relay-added p50 ${ms(row.relayAddedP50Ms)} p99 ${ms(row.relayAddedP99Ms)}, ingest p99 ${ms(row.ingestP99Ms)}`,
    );
    await relay.stop();
    await hooks.close();
  }
  results.latency = rows;
};

/**
 * The load generator does as little as it can, so that the relay, not the sender, is measured: the signed bodies
 * are made before the clock starts, and sent over keep-alive connections with node:http. Without `rate`, 32
 * senders go as fast as the relay answers; with it, events go out at that fixed rate whatever is unanswered.
 */
const flood = async (urls: string[], seconds: number, rate?: number) => {
  const prepare = () => {
    const raw = JSON.stringify(contactEvent('ContactCreate', { id: randomUUID() }));
    return { raw: Buffer.from(raw), signature: signEd25519(raw) };
  };
  const prepared = Array.from({ length: 2000 * seconds }, prepare);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const send = (url: URL, body: { raw: Buffer; signature: string }) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': String(body.raw.length),
            'x-ghl-signature': body.signature,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(body.raw);
    });
  const targets = urls.map((url) => new URL('/v1/highlevel/webhooks', url));
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  const started = Date.now();
  let n = 0;
  const worker = async () => {
    while (Date.now() < until) {
      const i = n++;
      const body = prepared[i] ?? prepare();
      const t0 = performance.now();
      const status = await send(targets[i % targets.length], body);
      if (status !== 200) throw new Error(`flood: HTTP ${status}`);
      latencies.push(performance.now() - t0);
    }
  };
  const paced = async (rate: number) => {
    const sends: Promise<void>[] = [];
    while (Date.now() < until) {
      // Every event due by now goes out at once, whatever is still unanswered (an open loop).
      const due = Math.floor(((Date.now() - started) * rate) / 1000);
      while (n < due) {
        const i = n++;
        const t0 = performance.now();
        sends.push(
          send(targets[i % targets.length], prepared[i] ?? prepare()).then((status) => {
            if (status !== 200) throw new Error(`paced: HTTP ${status}`);
            latencies.push(performance.now() - t0);
          }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(sends);
  };
  if (rate === undefined) await Promise.all(Array.from({ length: 32 }, worker));
  else await paced(rate);
  agent.destroy();
  return {
    eventsPerSecond: Math.round(latencies.length / ((Date.now() - started) / 1000)),
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
  };
};

const throughputSection = async (highlevel: FakeHighLevel, postgres: PostgresServer, temp: string) => {
  const rows: Record<string, unknown>[] = [];
  const hooks = await new HookReceiver().start();
  const setups: { name: string; database: string; processes: number }[] = [
    { name: 'sqlite, 1 process', database: `sqlite:${path.join(temp, 'tp.db')}`, processes: 1 },
    { name: 'postgres, 1 process', database: await postgres.createDatabase('tp_one'), processes: 1 },
    { name: 'postgres, 2 processes', database: await postgres.createDatabase('tp_two'), processes: 2 },
  ];
  for (const setup of setups) {
    const relays: RelayChild[] = [];
    for (let i = 0; i < setup.processes; i += 1) {
      relays.push(await spawnRelay(['--database', setup.database, '--highlevel-api-url', highlevel.url]));
    }
    await subscribeMany(relays[0], hooks, setup.name.replace(/\W+/g, '-'), 1);
    // One second at the rate first, not counted: a fresh process compiles its hot paths and opens its connections.
    await flood(
      relays.map((r) => r.url),
      1,
      PACED_RATE,
    );
    const steady = await flood(
      relays.map((r) => r.url),
      SECONDS,
      PACED_RATE,
    );
    rows.push({ setup: setup.name, mode: `paced at ${PACED_RATE} events/s`, ...steady });
    console.log(
      `throughput ${setup.name.padEnd(24)} paced ${PACED_RATE}/s: ${steady.eventsPerSecond} events/s answered, ingest p50 ${ms(steady.p50Ms)} p99 ${ms(steady.p99Ms)}`,
    );
    const figure = await flood(
      relays.map((r) => r.url),
      SECONDS,
    );
    rows.push({ setup: setup.name, mode: 'flood, 32 senders', ...figure });
    console.log(
      `throughput ${setup.name.padEnd(24)} ${figure.eventsPerSecond} events/s, ingest p99 ${ms(figure.p99Ms)}`,
    );
    for (const relay of relays) await relay.stop();
  }
  await hooks.close();
  results.throughput = rows;
};

const main = async () => {
  const temp = tempDir();
  const postgres = await startPostgres();
  const highlevel = await new FakeHighLevel().start();
  highlevel.tokens.set('bench-token', LOCATION);
  try {
    if (only.has('store')) await storeSection(postgres, temp.dir);
    if (only.has('latency')) await latencySection(highlevel, temp.dir);
    if (only.has('throughput')) await throughputSection(highlevel, postgres, temp.dir);
    console.log(
      JSON.stringify(
        { seconds: SECONDS, cpus: (await import('node:os')).cpus().length, ...results },
        null,
        2,
      ),
    );
  } finally {
    await highlevel.close();
    await postgres.stop();
    temp.remove();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Section 8, memory: does the app grow per invocation? Zapier reuses a container for many invocations, and
 * zapier-platform-core kills a process that has run more than 250 of them with more than 450 MB resident.
 *
 * A worker process runs WARMUP + ROUNDS rounds of three steps of the built app, one after the other, in one
 * runtime (scripts/lib/runtime.ts, core's `createAppTester`): a New Contact live poll (90 contacts in its window,
 * with custom fields), a Create Contact (a new email each time) and a Find Contact by email. The **core floor**
 * worker makes the same requests through the same runtime with `z.request` from ad-hoc functions and returns the
 * raw results: what zapier-platform-core itself keeps per invocation. Core's memory guard stays on in both.
 *
 * At checkpoints a worker runs full GCs (`afterGc`) and records heapUsed, the V8 heap spaces and rss twice: after
 * ordinary full GCs (V8 keeps the pages it freed, mapped and resident, for reuse: the process's high-water
 * mark) and after a last-resort GC, which hands those pages back (what the process still holds).
 *
 * Why a warm-up: V8 keeps compiling (baseline, optimised, re-optimised code) for about the first 2,000 rounds,
 * in the floor as in the app; a heap snapshot diff over rounds 1,000 → 2,000 of an un-warmed worker finds only
 * compiled code and its metadata added, no JavaScript object (MEMORY_BENCH_SNAPSHOTS=<folder> writes the
 * snapshots to look). The ROUNDS counted rounds start after WARMUP rounds; the un-warmed ratio is reported too.
 * Why repeats: rss varies by ±15 MB between runs of the same code (allocator and V8 page retention depend on
 * when GCs happen), so the app and the floor each run REPEATS times, interleaved, and medians are compared.
 *
 * The sandbox runs in a process of its own, so the contacts the creates add (and its request log) are not in
 * the figures. "The same requests": a short probe process runs each of the app's steps twice with a
 * middleware that records every request core sends (method, URL, body); the floor replays the steady (second)
 * run's requests exactly, with a new email for each create. Targets: the app's heap after ROUNDS counted rounds
 * is at most 1.02 × its heap after ROUNDS / 2 (no growth per invocation), and the app's rss (what it holds,
 * after the last-resort GC) is at most 1.10 × the core floor's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { runInNewContext } from 'node:vm';
import { getHeapSpaceStatistics, setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';
import type { BeforeRequestMiddleware, ZObject } from 'zapier-platform-core';
import { generateContact } from '../../sandbox/seed';
import { API_VERSION, startSandbox } from '../../sandbox/server';
import { authDataFromTokens, createRuntime, type AppDefinition, type AuthData } from '../lib/runtime';
import { loadBuiltApp, mb, progress, ratio, round, watchConnections, type Section } from './common';
import { UNTHROTTLED } from './scale';

/** Rounds before the counted ones: V8's compiler settles (see above). */
const WARMUP = 1_000;
const ROUNDS = 2_000;
const HALF = ROUNDS / 2;
const TOTAL = WARMUP + ROUNDS;
/** Absolute rounds (warm-up included) at which a worker measures. */
const CHECKPOINTS = [100, 250, 500, 750, 1_000, 1_250, 1_500, 1_750, 2_000, 2_250, 2_500, 2_750, 3_000];
const REPEATS = 3;
const HEAP_TARGET = 1.02;
const RSS_TARGET = 1.1;
const SEED = 1_000;
const RECENT = 90;
const TAG = 'memory-poll';
const SUBJECT_EMAIL = 'memory.subject@example.org';
/** A worker of 9,000 invocations takes about a minute on an idle 2-core machine. */
const WORKER_TIMEOUT_MS = 10 * 60_000;
/** To see what grows: heap snapshots of each worker after 1,000 and 2,000 rounds go to this folder. */
const SNAPSHOT_DIR = process.env.MEMORY_BENCH_SNAPSHOTS;

type Role = 'sandbox' | 'probe' | 'app' | 'floor';
type StepId = 'poll' | 'create' | 'find';
const STEPS: StepId[] = ['poll', 'create', 'find'];

interface SandboxInfo {
  url: string;
  clientId: string;
  clientSecret: string;
  authData: AuthData;
}

interface RecordedRequest {
  method: string;
  url: string;
  body?: string;
}

interface Checkpoint {
  rounds: number;
  heapUsed: number;
  /** rss after ordinary full GCs: V8 still holds the pages it freed (the high-water mark). */
  rss: number;
  /** rss after a last-resort GC has handed freed pages back: what the process holds. */
  rssHeld: number;
  /** Bytes used in each V8 heap space (old, new, code, trusted, large objects…) at the heapUsed reading. */
  spaces: Record<string, number>;
}

interface WorkerResult {
  checkpoints: Checkpoint[];
  seconds: number;
  connections: Record<string, number>;
}

type WorkerMessage =
  | { ok: true; sandbox: SandboxInfo }
  | { ok: true; probe: Record<StepId, RecordedRequest[]> }
  | { ok: true; result: WorkerResult }
  | { ok: false; error: string };

const ROLE_FLAG = '--memory-role=';
const PROBE_EMAIL = 'memory.probe.0@example.org';

const email = (role: 'app' | 'floor' | 'probe', index: number) => `memory.${role}.${index}@example.org`;

/** V8's gc extension: `last-resort` is the collection V8 runs under memory pressure, which returns freed pages. */
type Gc = (options?: { type: 'major'; execution: 'sync'; flavor: 'regular' | 'last-resort' }) => void;

/** A full GC without `--expose-gc` on the command line (the worker is forked with the bench's own flags). */
const exposeGc = (): Gc => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Gc;
};

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The memory after full GCs: four collections with a turn of the event loop between them (so closed sockets,
 * weak references and finalizers are let go), three times, keeping the lowest heap seen and its spaces; then rss
 * once more after a last-resort GC.
 */
const afterGc = async (gc: Gc): Promise<Omit<Checkpoint, 'rounds'>> => {
  let heapUsed = Infinity;
  let rss = 0;
  let spaces: Record<string, number> = {};
  for (let sample = 0; sample < 3; sample += 1) {
    for (let pass = 0; pass < 4; pass += 1) {
      gc();
      await nextTurn();
    }
    const usage = process.memoryUsage();
    if (usage.heapUsed < heapUsed) {
      heapUsed = usage.heapUsed;
      spaces = Object.fromEntries(
        getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]),
      );
    }
    rss = usage.rss;
  }
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  await nextTurn();
  return { heapUsed, rss, rssHeld: process.memoryUsage().rss, spaces };
};

/** Least-squares slope of heapUsed over invocations in rounds [from, to]: bytes per invocation. */
const trend = (checkpoints: Checkpoint[], from: number, to: number): number => {
  const points = checkpoints
    .filter((checkpoint) => checkpoint.rounds >= from && checkpoint.rounds <= to)
    .map((checkpoint) => ({ x: checkpoint.rounds * STEPS.length, y: checkpoint.heapUsed }));
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
  const covariance = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
  const variance = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  return variance > 0 ? covariance / variance : NaN;
};

const send = (message: WorkerMessage): Promise<void> =>
  new Promise((resolve) => {
    if (process.send) process.send(message, () => resolve());
    else resolve();
  });

const pointAppAt = (sandbox: SandboxInfo) => {
  process.env.HIGHLEVEL_API_URL = sandbox.url;
  process.env.HIGHLEVEL_MARKETPLACE_URL = sandbox.url;
  process.env.CLIENT_ID = sandbox.clientId;
  process.env.CLIENT_SECRET = sandbox.clientSecret;
};

// ---- the processes ----------------------------------------------------------------------------------------

/** The sandbox's process: 1,000 seeded contacts plus RECENT tagged ones added in the last 90 minutes. */
const runSandbox = async (): Promise<void> => {
  const sandbox = await startSandbox({ port: 0, seed: SEED, rateLimit: UNTHROTTLED });
  const now = Date.now();
  sandbox.store.ensureTag(sandbox.locationId, TAG);
  sandbox.store.insertContactsBulk(
    Array.from({ length: RECENT }, (_, index) => {
      const { contact } = generateContact(SEED + index, now);
      const at = now - (index + 1) * 60_000;
      return {
        ...contact,
        ...(index === 0 ? { email: SUBJECT_EMAIL } : {}),
        tags: [...contact.tags, TAG],
        dateAdded: at,
        dateUpdated: at,
      };
    }),
  );
  await send({
    ok: true,
    sandbox: {
      url: sandbox.url,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      authData: authDataFromTokens(sandbox.issueTokens()),
    },
  });
  // Runs until the section kills it.
  process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));
};

const appSteps = (app: AppDefinition, sandbox: SandboxInfo, role: 'app' | 'probe') => {
  const runtime = createRuntime(app, { authData: sandbox.authData });
  return {
    poll: () => runtime.run('triggers.new_contact.operation.perform', { tag: TAG }),
    create: (index: number) =>
      runtime.run('creates.create_contact.operation.perform', {
        firstName: 'Memory',
        lastName: `Step ${index}`,
        email: role === 'probe' ? PROBE_EMAIL.replace('.0@', `.${index}@`) : email(role, index),
      }),
    find: () => runtime.run('searches.find_contact.operation.perform', { email: SUBJECT_EMAIL }),
  } satisfies Record<StepId, (index: number) => Promise<unknown>>;
};

/** Each of the app's steps twice, recording every request core sends; the second run's are the steady ones. */
const runProbe = async (sandbox: SandboxInfo): Promise<void> => {
  pointAppAt(sandbox);
  const app = loadBuiltApp();
  let recording: RecordedRequest[] | undefined;
  const record: BeforeRequestMiddleware = (request) => {
    recording?.push({
      method: String(request.method ?? 'GET'),
      url: String(request.url),
      ...(typeof request.body === 'string' ? { body: request.body } : {}),
    });
    return request;
  };
  const before = app.beforeRequest ?? [];
  const probed = {
    ...app,
    beforeRequest: [...(Array.isArray(before) ? before : [before]), record],
  } as AppDefinition;
  const steps = appSteps(probed, sandbox, 'probe');
  const steady = {} as Record<StepId, RecordedRequest[]>;
  for (const step of STEPS) {
    await steps[step](0);
    recording = [];
    await steps[step](1);
    steady[step] = recording;
    recording = undefined;
  }
  await send({ ok: true, probe: steady });
};

const floorSteps = (app: AppDefinition, sandbox: SandboxInfo, probe: Record<StepId, RecordedRequest[]>) => {
  const runtime = createRuntime(app, { authData: sandbox.authData });
  const replay = (requests: RecordedRequest[], index: number) => async (z: ZObject) => {
    const results: unknown[] = [];
    for (const request of requests) {
      const response = await z.request({
        url: request.url,
        method: request.method as 'GET' | 'POST',
        headers: {
          Version: API_VERSION,
          Accept: 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
        },
        body: request.body?.replace(`memory.probe.1@`, `memory.floor.${index}@`),
      });
      results.push(response.data);
    }
    return results;
  };
  return {
    poll: (index: number) => runtime.call(replay(probe.poll, index), runtime.bundle()),
    create: (index: number) => runtime.call(replay(probe.create, index), runtime.bundle()),
    find: (index: number) => runtime.call(replay(probe.find, index), runtime.bundle()),
  } satisfies Record<StepId, (index: number) => Promise<unknown>>;
};

/** ROUNDS rounds of poll, create, find; GC and memory at each checkpoint. */
const runWorker = async (
  role: 'app' | 'floor',
  sandbox: SandboxInfo,
  probe: Record<StepId, RecordedRequest[]>,
  run: number,
): Promise<void> => {
  const connections = watchConnections();
  const gc = exposeGc();
  pointAppAt(sandbox);
  const app = loadBuiltApp();
  const steps = role === 'app' ? appSteps(app, sandbox, 'app') : floorSteps(app, sandbox, probe);
  const checkpoints: Checkpoint[] = [];
  const started = Date.now();
  for (let round = 1; round <= TOTAL; round += 1) {
    // Each run of a role creates contacts of its own: the emails stay new across repeats.
    for (const step of STEPS) await steps[step](run * TOTAL + round);
    if (CHECKPOINTS.includes(round)) {
      checkpoints.push({ rounds: round, ...(await afterGc(gc)) });
      if (SNAPSHOT_DIR && (round === 1_000 || round === 2_000)) {
        writeHeapSnapshot(join(SNAPSHOT_DIR, `${role}-${run}-${round}.heapsnapshot`));
      }
    }
  }
  await send({
    ok: true,
    result: {
      checkpoints,
      seconds: (Date.now() - started) / 1000,
      connections: Object.fromEntries(connections),
    },
  });
};

const roleMain = async (role: Role): Promise<void> => {
  if (role === 'sandbox') return runSandbox();
  const input = JSON.parse(process.env.MEMORY_BENCH_INPUT ?? '{}') as {
    sandbox: SandboxInfo;
    probe?: Record<StepId, RecordedRequest[]>;
    run?: number;
  };
  delete process.env.MEMORY_BENCH_INPUT;
  if (role === 'probe') await runProbe(input.sandbox);
  else
    await runWorker(role, input.sandbox, input.probe ?? { poll: [], create: [], find: [] }, input.run ?? 0);
  process.exit(0);
};

// ---- the section (in the bench's child process) -----------------------------------------------------------

/** Forks this module in a role; resolves with its first message (the sandbox keeps running). */
const forkRole = (
  role: Role,
  input?: object,
): { child: ChildProcess; message: Promise<Extract<WorkerMessage, { ok: true }>> } => {
  const child = fork(__filename, [`${ROLE_FLAG}${role}`], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // The connection (tokens, client secret) goes to the child through its environment, never argv.
    env: { ...process.env, ...(input ? { MEMORY_BENCH_INPUT: JSON.stringify(input) } : {}) },
  });
  const message = new Promise<Extract<WorkerMessage, { ok: true }>>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The ${role} process timed out after ${WORKER_TIMEOUT_MS / 1000} s.`));
    }, WORKER_TIMEOUT_MS);
    child.once('message', (received: WorkerMessage) => {
      clearTimeout(timer);
      if (received.ok) resolve(received);
      else reject(new Error(`The ${role} process failed: ${received.error}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The ${role} process exited with ${signal ?? code} before reporting.`));
    });
  });
  return { child, message };
};

const routeOf = (request: RecordedRequest) => `${request.method} ${new URL(request.url).pathname}`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

type Measure = 'heapUsed' | 'rss' | 'rssHeld';
type Side = 'app' | 'floor';

/** Heap spaces holding compiled code and its metadata (V8 12: instruction streams, deopt data, relocation info). */
const CODE_SPACES = ['code_space', 'code_large_object_space', 'trusted_space', 'trusted_large_object_space'];

export const memorySection = (): Section => ({
  id: 'memory',
  title: 'Memory',
  timeoutMs: 30 * 60_000,
  run: async () => {
    const host = forkRole('sandbox');
    try {
      const hosted = await host.message;
      if (!('sandbox' in hosted)) throw new Error('The sandbox process sent no address.');
      const sandbox = hosted.sandbox;
      const probed = await forkRole('probe', { sandbox }).message;
      if (!('probe' in probed)) throw new Error('The probe sent no requests.');
      const probe = probed.probe;
      const runs: Record<Side, WorkerResult[]> = { app: [], floor: [] };
      for (let run = 0; run < REPEATS; run += 1) {
        for (const role of ['app', 'floor'] as const) {
          progress(
            `memory: ${role} ${run + 1}/${REPEATS}: ${WARMUP.toLocaleString('en-US')} + ${ROUNDS.toLocaleString('en-US')} rounds of ${STEPS.join(', ')}…`,
          );
          const done = await forkRole(role, { sandbox, probe, run }).message;
          if (!('result' in done)) throw new Error(`The ${role} worker sent no result.`);
          runs[role].push(done.result);
        }
      }
      const at = (result: WorkerResult, rounds: number) =>
        result.checkpoints.find((checkpoint) => checkpoint.rounds === rounds) as Checkpoint;
      /** The median over the runs of a side, at a checkpoint. */
      const typical = (side: Side, rounds: number, measure: Measure) =>
        median(runs[side].map((result) => at(result, rounds)[measure]));
      const perRun = (side: Side, figure: (result: WorkerResult) => number) => median(runs[side].map(figure));
      const growth = (side: Side, from: number, to: number) =>
        perRun(side, (result) => at(result, to).heapUsed / at(result, from).heapUsed);
      const counted = growth('app', WARMUP + HALF, TOTAL);
      const heldRatio = typical('app', TOTAL, 'rssHeld') / typical('floor', TOTAL, 'rssHeld');
      const highWaterRatio = typical('app', TOTAL, 'rss') / typical('floor', TOTAL, 'rss');
      const perInvocation = (side: Side, from: number, to: number) =>
        perRun(side, (result) => trend(result.checkpoints, from, to));
      /** How much of the heap's growth between two checkpoints is compiled code (median over runs). */
      const codeShare = (side: Side, from: number, to: number) =>
        perRun(side, (result) => {
          const code = (checkpoint: Checkpoint) =>
            CODE_SPACES.reduce((sum, space) => sum + (checkpoint.spaces[space] ?? 0), 0);
          const grown = at(result, to).heapUsed - at(result, from).heapUsed;
          return grown > 0 ? (code(at(result, to)) - code(at(result, from))) / grown : NaN;
        });
      const connections: Record<string, number> = {};
      for (const result of [...runs.app, ...runs.floor]) {
        for (const [address, count] of Object.entries(result.connections)) {
          connections[address] = (connections[address] ?? 0) + count;
        }
      }
      const loopbackOnly = Object.keys(connections).every((address) =>
        /^(::ffff:)?127\.0\.0\.1$/.test(address),
      );
      const seconds = (side: Side) => perRun(side, (result) => result.seconds);
      const percent = (share: number) => (Number.isFinite(share) ? `${Math.round(share * 100)} %` : '—');
      return {
        tables: [
          {
            title: `8. Memory: New Contact poll (${RECENT} contacts), Create Contact and Find Contact, ${WARMUP.toLocaleString('en-US')} warm-up + ${ROUNDS.toLocaleString('en-US')} counted rounds in one process; medians of ${REPEATS} runs each, after full GCs`,
            columns: [
              'after rounds',
              'invocations',
              'app heap',
              'floor heap',
              'app rss held',
              'floor rss held',
              'app rss high-water',
              'floor rss high-water',
            ],
            rows: CHECKPOINTS.map((rounds) => [
              `${rounds.toLocaleString('en-US')}${rounds <= WARMUP ? ' (warm-up)' : ''}`,
              (rounds * STEPS.length).toLocaleString('en-US'),
              mb(typical('app', rounds, 'heapUsed')),
              mb(typical('floor', rounds, 'heapUsed')),
              mb(typical('app', rounds, 'rssHeld')),
              mb(typical('floor', rounds, 'rssHeld')),
              mb(typical('app', rounds, 'rss')),
              mb(typical('floor', rounds, 'rss')),
            ]),
            notes: [
              `Heap after ${ROUNDS.toLocaleString('en-US')} counted rounds / after ${HALF.toLocaleString('en-US')}: app ${ratio(counted)} (runs: ${runs.app.map((result) => (at(result, TOTAL).heapUsed / at(result, WARMUP + HALF).heapUsed).toFixed(3)).join(', ')}), core floor ${ratio(growth('floor', WARMUP + HALF, TOTAL))}. Least-squares trend over the counted rounds: app ${round(perInvocation('app', WARMUP, TOTAL), 0)} bytes per invocation, core floor ${round(perInvocation('floor', WARMUP, TOTAL), 0)}.`,
              `Without the warm-up (rounds 1,000 → 2,000): app ${ratio(growth('app', 1_000, 2_000))}, core floor ${ratio(growth('floor', 1_000, 2_000))}; of that growth, compiled code (V8's code and trusted spaces) is app ${percent(codeShare('app', 1_000, 2_000))}, floor ${percent(codeShare('floor', 1_000, 2_000))}, the rest is in the old space: a heap snapshot diff (MEMORY_BENCH_SNAPSHOTS, bench/README.md) found only code objects and their metadata added there, no JavaScript object.`,
              `rss held (after a last-resort GC has returned freed pages), app / core floor after ${TOTAL.toLocaleString('en-US')} rounds: ${ratio(heldRatio)} (runs: app ${runs.app.map((result) => mb(at(result, TOTAL).rssHeld)).join(', ')}; floor ${runs.floor.map((result) => mb(at(result, TOTAL).rssHeld)).join(', ')}).`,
              `rss high-water (after ordinary full GCs, V8 still holding the pages it freed for reuse): app / core floor ${ratio(highWaterRatio)}; it follows when GCs happen, not what is kept (runs: app ${runs.app.map((result) => mb(at(result, TOTAL).rss)).join(', ')}; floor ${runs.floor.map((result) => mb(at(result, TOTAL).rss)).join(', ')}).`,
              `Workers' wall time (median): app ${seconds('app').toFixed(0)} s, floor ${seconds('floor').toFixed(0)} s. The floor replays the app's steady requests: ${STEPS.map((step) => `${step}: ${probe[step].map(routeOf).join(', ')}`).join('; ')}.`,
              'The sandbox runs in its own process; core’s memory guard (250 runs, 450 MB) is on in every worker.',
            ],
          },
        ],
        targets: [
          {
            section: 'memory',
            name: `app heap after ${ROUNDS} counted rounds / after ${HALF}`,
            value: round(counted, 3),
            target: `≤ ${HEAP_TARGET}`,
            met: counted <= HEAP_TARGET,
          },
          {
            section: 'memory',
            name: `app rss held / core floor rss held after ${TOTAL} rounds`,
            value: round(heldRatio, 3),
            target: `≤ ${RSS_TARGET}`,
            met: heldRatio <= RSS_TARGET,
          },
          {
            section: 'memory',
            name: 'memory workers: outgoing TCP connections only to 127.0.0.1',
            value: Object.entries(connections)
              .map(([address, count]) => `${address}: ${count}`)
              .join(', '),
            target: 'only 127.0.0.1',
            met: loopbackOnly,
          },
        ],
        figures: {
          warmup: WARMUP,
          rounds: ROUNDS,
          repeats: REPEATS,
          steps: STEPS,
          recent: RECENT,
          probe: Object.fromEntries(STEPS.map((step) => [step, probe[step].map(routeOf)])),
          runs,
          heapGrowth: {
            app: round(counted, 4),
            floor: round(growth('floor', WARMUP + HALF, TOTAL), 4),
            appUnwarmed: round(growth('app', 1_000, 2_000), 4),
            floorUnwarmed: round(growth('floor', 1_000, 2_000), 4),
          },
          bytesPerInvocation: {
            app: round(perInvocation('app', WARMUP, TOTAL), 0),
            floor: round(perInvocation('floor', WARMUP, TOTAL), 0),
          },
          rssHeldRatio: round(heldRatio, 4),
          rssHighWaterRatio: round(highWaterRatio, 4),
        },
      };
    } finally {
      if (host.child.connected) host.child.disconnect();
      host.child.kill();
    }
  },
});

const roleArg = process.argv.find((arg) => arg.startsWith(ROLE_FLAG))?.slice(ROLE_FLAG.length) as
  Role | undefined;
if (roleArg) {
  roleMain(roleArg).catch(async (error: unknown) => {
    await send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  });
}

/**
 * Section 8, memory: does the app grow per invocation? Zapier reuses a container for many invocations, and
 * zapier-platform-core kills a process that has run more than 250 of them with more than 450 MB resident.
 *
 * One worker process runs ROUNDS rounds of three steps of the built app, one after the other, in one runtime
 * (scripts/lib/runtime.ts, core's `createAppTester`): a New Contact live poll (90 contacts in its window, with
 * custom fields), a Create Contact (a new email each time) and a Find Contact by email. A second worker, the
 * **core floor**, makes the same requests through the same runtime with `z.request` from ad-hoc functions and
 * returns the raw results: what zapier-platform-core itself keeps per invocation. At checkpoints each worker
 * runs full GCs (`afterGc`) and records `heapUsed` and `rss`; the trend in bytes per invocation is a
 * least-squares fit from TREND_FROM rounds on. Core's memory guard stays on in both workers: it is
 * part of what is measured.
 *
 * The sandbox runs in a process of its own, so the contacts the creates add (and its request log) are not in
 * the figures. "The same requests": a short probe process runs each of the app's steps twice with a
 * middleware that records every request core sends (method, URL, body); the floor replays the steady (second)
 * run's requests exactly, with a new email for each create. Targets: the app's heap after ROUNDS rounds is at
 * most 1.02 × its heap after ROUNDS / 2 (no growth per invocation), and the app's rss at the end is at most
 * 1.10 × the core floor's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { BeforeRequestMiddleware, ZObject } from 'zapier-platform-core';
import { generateContact } from '../../sandbox/seed';
import { API_VERSION, startSandbox } from '../../sandbox/server';
import { authDataFromTokens, createRuntime, type AppDefinition, type AuthData } from '../lib/runtime';
import { loadBuiltApp, mb, progress, ratio, round, watchConnections, type Section } from './common';
import { UNTHROTTLED } from './scale';

const ROUNDS = 2_000;
const CHECKPOINTS = [100, 250, 500, 750, 1_000, 1_250, 1_500, 1_750, 2_000];
/** The per-invocation trend is fitted from this many rounds on (after JIT and caches have settled). */
const TREND_FROM = 500;
const HALF = ROUNDS / 2;
const HEAP_TARGET = 1.02;
const RSS_TARGET = 1.1;
const SEED = 1_000;
const RECENT = 90;
const TAG = 'memory-poll';
const SUBJECT_EMAIL = 'memory.subject@example.org';
/** A worker of 6,000 invocations takes about a minute on an idle 2-core machine. */
const WORKER_TIMEOUT_MS = 8 * 60_000;

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
  rss: number;
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

/** A full GC without `--expose-gc` on the command line (the worker is forked with the bench's own flags). */
const exposeGc = (): (() => void) => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
};

/**
 * heapUsed and rss after full GCs: four collections with a turn of the event loop between them (so closed
 * sockets, weak references and finalizers are let go), three times, keeping the lowest heap seen.
 */
const afterGc = async (gc: () => void): Promise<{ heapUsed: number; rss: number }> => {
  let heapUsed = Infinity;
  let rss = 0;
  for (let sample = 0; sample < 3; sample += 1) {
    for (let pass = 0; pass < 4; pass += 1) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const usage = process.memoryUsage();
    heapUsed = Math.min(heapUsed, usage.heapUsed);
    rss = usage.rss;
  }
  return { heapUsed, rss };
};

/** Least-squares slope of heapUsed over invocations, from TREND_FROM rounds on: bytes per invocation. */
const trend = (checkpoints: Checkpoint[]): number => {
  const points = checkpoints
    .filter((checkpoint) => checkpoint.rounds >= TREND_FROM)
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
): Promise<void> => {
  const connections = watchConnections();
  const gc = exposeGc();
  pointAppAt(sandbox);
  const app = loadBuiltApp();
  const steps = role === 'app' ? appSteps(app, sandbox, 'app') : floorSteps(app, sandbox, probe);
  const checkpoints: Checkpoint[] = [];
  const started = Date.now();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const step of STEPS) await steps[step](round);
    if (CHECKPOINTS.includes(round)) checkpoints.push({ rounds: round, ...(await afterGc(gc)) });
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
  };
  delete process.env.MEMORY_BENCH_INPUT;
  if (role === 'probe') await runProbe(input.sandbox);
  else await runWorker(role, input.sandbox, input.probe ?? { poll: [], create: [], find: [] });
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

export const memorySection = (): Section => ({
  id: 'memory',
  title: 'Memory',
  timeoutMs: 20 * 60_000,
  run: async () => {
    const host = forkRole('sandbox');
    try {
      const hosted = await host.message;
      if (!('sandbox' in hosted)) throw new Error('The sandbox process sent no address.');
      const sandbox = hosted.sandbox;
      const probed = await forkRole('probe', { sandbox }).message;
      if (!('probe' in probed)) throw new Error('The probe sent no requests.');
      const probe = probed.probe;
      const results = {} as Record<'app' | 'floor', WorkerResult>;
      for (const role of ['app', 'floor'] as const) {
        progress(`memory: ${role}: ${ROUNDS.toLocaleString('en-US')} rounds of ${STEPS.join(', ')}…`);
        const done = await forkRole(role, { sandbox, probe }).message;
        if (!('result' in done)) throw new Error(`The ${role} worker sent no result.`);
        results[role] = done.result;
      }
      const at = (role: 'app' | 'floor', rounds: number) =>
        results[role].checkpoints.find((checkpoint) => checkpoint.rounds === rounds) as Checkpoint;
      const growth = (role: 'app' | 'floor') => at(role, ROUNDS).heapUsed / at(role, HALF).heapUsed;
      const rssRatio = at('app', ROUNDS).rss / at('floor', ROUNDS).rss;
      const perInvocation = (role: 'app' | 'floor') => trend(results[role].checkpoints);
      const connections: Record<string, number> = {};
      for (const result of Object.values(results)) {
        for (const [address, count] of Object.entries(result.connections)) {
          connections[address] = (connections[address] ?? 0) + count;
        }
      }
      const loopbackOnly = Object.keys(connections).every((address) =>
        /^(::ffff:)?127\.0\.0\.1$/.test(address),
      );
      return {
        tables: [
          {
            title: `8. Memory: ${ROUNDS.toLocaleString('en-US')} rounds of New Contact poll (${RECENT} contacts), Create Contact and Find Contact in one process; heap and rss after a full GC`,
            columns: ['after rounds', 'invocations', 'app heap', 'floor heap', 'app rss', 'floor rss'],
            rows: CHECKPOINTS.map((rounds) => [
              rounds.toLocaleString('en-US'),
              (rounds * STEPS.length).toLocaleString('en-US'),
              mb(at('app', rounds).heapUsed),
              mb(at('floor', rounds).heapUsed),
              mb(at('app', rounds).rss),
              mb(at('floor', rounds).rss),
            ]),
            notes: [
              `Heap after ${ROUNDS.toLocaleString('en-US')} / after ${HALF.toLocaleString('en-US')} rounds: app ${ratio(growth('app'))}, core floor ${ratio(growth('floor'))}. Trend from ${TREND_FROM} rounds on (least squares): app ${round(perInvocation('app'), 0)} bytes per invocation, core floor ${round(perInvocation('floor'), 0)}.`,
              `App rss / core floor rss after ${ROUNDS.toLocaleString('en-US')} rounds: ${ratio(rssRatio)}. Workers' wall time: app ${results.app.seconds.toFixed(0)} s, floor ${results.floor.seconds.toFixed(0)} s.`,
              `The floor replays the app's steady requests: ${STEPS.map((step) => `${step}: ${probe[step].map(routeOf).join(', ')}`).join('; ')}.`,
              'The sandbox runs in its own process; core’s memory guard (250 runs, 450 MB) is on in both workers.',
            ],
          },
        ],
        targets: [
          {
            section: 'memory',
            name: `app heap after ${ROUNDS} rounds / after ${HALF}`,
            value: round(growth('app'), 3),
            target: `≤ ${HEAP_TARGET}`,
            met: growth('app') <= HEAP_TARGET,
          },
          {
            section: 'memory',
            name: `app rss / core floor rss after ${ROUNDS} rounds`,
            value: round(rssRatio, 3),
            target: `≤ ${RSS_TARGET}`,
            met: rssRatio <= RSS_TARGET,
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
          rounds: ROUNDS,
          steps: STEPS,
          recent: RECENT,
          probe: Object.fromEntries(STEPS.map((step) => [step, probe[step].map(routeOf)])),
          results,
          heapGrowth: { app: round(growth('app'), 4), floor: round(growth('floor'), 4) },
          bytesPerInvocation: {
            app: round(perInvocation('app'), 0),
            floor: round(perInvocation('floor'), 0),
          },
          rssRatio: round(rssRatio, 4),
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

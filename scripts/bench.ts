/**
 * `npm run bench`: builds, then measures the built app against sandboxes on free ports of 127.0.0.1 and
 * prints one table per section; every figure also goes to bench/results.json (git-ignored), so runs can be
 * compared. See bench/README.md for what each section measures and its target.
 *
 *   npm run bench                          all sections
 *   npm run bench -- --only=requests,load  some sections (ids: requests, scale, overhead, load, ratelimit,
 *                                          connection, truth, memory, instant)
 *   npm run bench -- --zip                 (re)build build/build.zip first when missing or older than dist/
 *
 * Exit code 0 even when a target is missed (it is a measurement, not a test); 1 when a section crashed.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppDefinition } from './lib/runtime';
import {
  ROOT,
  STOPPED_RELAY,
  formatTable,
  loadBuiltApp,
  progress,
  watchConnections,
  type Section,
  type SectionResult,
  type Target,
} from './bench/common';
import { connectionSection } from './bench/connection';
import { RELAY_PARTS, instantSection } from './bench/instant';
import { INSTANT_TRIGGER_PARTS } from './bench/instantTriggers';
import { loadSection } from './bench/load';
import { memorySection } from './bench/memory';
import { overheadSection } from './bench/overhead';
import { rateLimitSection } from './bench/rateLimit';
import { requestsSection } from './bench/requests';
import { scaleSection } from './bench/scale';
import { truthSection } from './bench/truth';

const RESULTS = path.join(ROOT, 'bench', 'results.json');

const argValue = (name: string): string | undefined => {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
};

const gitCommit = (): string | undefined => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
};

/**
 * Each section runs in a child process of its own: no section inherits another's heap, JIT state or
 * sandboxes, and zapier-platform-core's memory guard (it kills a process that has run more than 250
 * invocations with more than 450 MB rss, src/tools/memory-checker.js) only ever sees one section.
 */
const CHILD_FLAG = 'child';

const sectionsFor = (app: AppDefinition): Section[] => [
  requestsSection(app),
  scaleSection(app),
  overheadSection(app),
  loadSection({ buildZip: process.argv.includes('--zip') }),
  rateLimitSection(app),
  connectionSection(app),
  truthSection(app),
  memorySection(),
  // The relay alone, then end to end through the sandbox, the relay and the app (docs/HOOKS.md §5).
  { ...instantSection([...RELAY_PARTS, ...INSTANT_TRIGGER_PARTS]), timeoutMs: 25 * 60_000 },
];

type ChildMessage =
  { ok: true; result: SectionResult; connections: Record<string, number> } | { ok: false; error: string };
type ChildResult = Extract<ChildMessage, { ok: true }>;

/** A section that takes longer than this is stopped (every loop in the bench is bounded; this is the backstop). */
const SECTION_TIMEOUT_MS = 10 * 60_000;
const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1']);

/** In the child: run one section and send its result (and the hosts it connected to) to the parent. */
const runChild = async (id: string): Promise<number> => {
  const connections = watchConnections();
  const section = sectionsFor(loadBuiltApp()).find((candidate) => candidate.id === id);
  let message: ChildMessage;
  try {
    if (!section) throw new Error(`No section ${id}.`);
    const result = await section.run();
    message = { ok: true, result, connections: Object.fromEntries(connections) };
  } catch (error) {
    message = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  await new Promise<void>((resolve) => process.send?.(message, () => resolve()));
  return message.ok ? 0 : 1;
};

/** In the parent: one section in a fresh process (same node, same tsx loader, same flags). */
const runInChild = (id: string, timeoutMs = SECTION_TIMEOUT_MS): Promise<ChildResult> =>
  new Promise((resolve, reject) => {
    const child = fork(__filename, [`--${CHILD_FLAG}=${id}`, ...process.argv.slice(2)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let message: ChildMessage | undefined;
    const timer = setTimeout(() => {
      message = { ok: false, error: `timed out after ${timeoutMs / 1000} s` };
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (received: ChildMessage) => {
      message ??= received;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (message?.ok) resolve(message);
      else
        reject(
          new Error(message?.ok === false ? message.error : `exited with ${signal ?? code} before reporting`),
        );
    });
  });

const main = async (): Promise<number> => {
  const child = argValue(CHILD_FLAG);
  if (child) return runChild(child);
  const all = sectionsFor(loadBuiltApp());
  const only = argValue('only')
    ?.split(',')
    .map((id) => id.trim());
  const unknown = only?.filter((id) => !all.some((section) => section.id === id)) ?? [];
  if (unknown.length > 0) {
    console.error(`Unknown section(s): ${unknown.join(', ')}. Known: ${all.map((s) => s.id).join(', ')}.`);
    return 2;
  }
  const sections = only ? all.filter((section) => only.includes(section.id)) : all;

  const started = Date.now();
  const loadAtStart = os.loadavg();
  const figures: Record<string, unknown> = {};
  const targets: Target[] = [];
  const connections: Record<string, number> = {};
  let crashed = false;
  for (const section of sections) {
    progress(`${section.title}…`);
    const sectionStarted = Date.now();
    try {
      const { result, connections: hosts } = await runInChild(section.id, section.timeoutMs);
      for (const table of result.tables) console.log(`\n${formatTable(table)}`);
      figures[section.id] = {
        ...(result.figures as object),
        seconds: (Date.now() - sectionStarted) / 1000,
        connections: hosts,
      };
      targets.push(...result.targets);
      for (const [host, count] of Object.entries(hosts)) connections[host] = (connections[host] ?? 0) + count;
    } catch (error) {
      crashed = true;
      console.log(
        `\n## ${section.title}\n  CRASHED: ${error instanceof Error ? error.message : String(error)}`,
      );
      figures[section.id] = { crashed: String(error) };
    }
    progress(`${section.title}: ${((Date.now() - sectionStarted) / 1000).toFixed(1)} s`);
  }

  const explained = (host: string) =>
    LOOPBACK.has(host) || (host.endsWith(`(${STOPPED_RELAY})`) && LOOPBACK.has(host.split(' ')[0]));
  const elsewhere = Object.keys(connections).filter((host) => !explained(host));
  targets.push({
    section: 'all',
    name: 'outgoing TCP connections (all sections) only to 127.0.0.1',
    value: Object.entries(connections)
      .map(([host, count]) => `${host}: ${count}`)
      .join(', '),
    target: 'only 127.0.0.1',
    met: elsewhere.length === 0,
  });
  console.log(
    `\n${formatTable({
      title: 'Targets',
      columns: ['section', 'figure', 'value', 'target', '✓/✗'],
      rows: targets.map((target) => [
        target.section,
        target.name,
        target.value,
        target.target,
        target.met ? '✓' : '✗',
      ]),
      notes: [`${targets.filter((target) => target.met).length}/${targets.length} targets met.`],
    })}`,
  );

  const seconds = (Date.now() - started) / 1000;
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify(
      {
        startedAt: new Date(started).toISOString(),
        seconds,
        commit: gitCommit(),
        node: process.version,
        machine: {
          cpus: os.cpus().length,
          loadAverageAtStart: loadAtStart.map((load) => Math.round(load * 100) / 100),
          loadAverageAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100),
        },
        sections: sections.map((section) => section.id),
        targets,
        figures,
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `\nMachine: ${os.cpus().length} CPUs, 1-minute load average ${loadAtStart[0].toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end.`,
  );
  console.log(`Wrote ${path.relative(process.cwd(), RESULTS)} (${seconds.toFixed(0)} s in all).`);
  return crashed ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

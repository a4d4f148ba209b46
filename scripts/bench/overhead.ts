/**
 * Section 3, overhead: a New Contact live poll through the runtime versus the same search sent with a bare
 * `fetch` (body parsed as JSON, nothing else) to the same sandbox; the target is on the ratio of medians.
 * A third path splits the difference: "core floor" is an ad-hoc function run through the same runtime that
 * sends the same search with `z.request` and returns the raw contacts, i.e. zapier-platform-core's own cost
 * per invocation and request (plus the app's two small middlewares), without the app's zod parsing and
 * normalising. app − floor is then what the app's own code costs.
 * The paths rotate after a warm-up, each first equally often; medians of wall time and of CPU time.
 * The bare body is the app's (lib/core/polling.ts: pageLimit POLL_PAGE_LIMIT, newest first by dateAdded) and the
 * bench checks that all three return the same contacts in the same order.
 */
import type { ZObject } from 'zapier-platform-core';
import { API_VERSION } from '../../sandbox/server';
import type { AppDefinition } from '../lib/runtime';
import { builtModule, measure, median, ms, percentile, ratio, round, startRig, type Section } from './common';
import { UNTHROTTLED } from './scale';

const CONTACTS = 1_000;
const ROUNDS = 30;
const WARM_UP = 5;
const TARGET = 1.5;

type PathId = 'app' | 'floor' | 'bare';
const PATHS: Array<{ id: PathId; label: string }> = [
  { id: 'app', label: 'app: New Contact poll (runtime → middleware → zod → normalise)' },
  { id: 'floor', label: 'core floor: same search via z.request in the runtime, raw result' },
  { id: 'bare', label: 'bare fetch + JSON.parse' },
];

export const overheadSection = (app: AppDefinition): Section => ({
  id: 'overhead',
  title: 'Overhead',
  run: async () => {
    const { POLL_PAGE_LIMIT } = builtModule<typeof import('../../lib/core/polling')>('lib/core/polling');
    const rig = await startRig(app, { sandbox: { seed: CONTACTS, rateLimit: UNTHROTTLED } });
    try {
      const { sandbox, runtime } = rig;
      const body = {
        locationId: sandbox.locationId,
        pageLimit: POLL_PAGE_LIMIT,
        sort: [{ field: 'dateAdded', direction: 'desc' }],
      };
      const ids = (contacts: Array<{ id: string }>) => contacts.map((contact) => contact.id);
      const searchWithCore = async (z: ZObject) => {
        const response = await z.request({
          url: `${sandbox.url}/contacts/search`,
          method: 'POST',
          headers: { Version: API_VERSION, Accept: 'application/json' },
          body,
        });
        return (response.data as { contacts: Array<{ id: string }> }).contacts;
      };
      const run: Record<PathId, () => Promise<string[]>> = {
        app: async () =>
          ids(await runtime.run<Array<{ id: string }>>('triggers.new_contact.operation.perform', {})),
        floor: async () => ids(await runtime.call<Array<{ id: string }>>(searchWithCore, runtime.bundle())),
        bare: async () => {
          const response = await fetch(`${sandbox.url}/contacts/search`, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${runtime.authData.access_token}`,
              Version: API_VERSION,
              'Content-Type': 'application/json',
              Accept: 'application/json',
            },
            body: JSON.stringify(body),
          });
          if (!response.ok) throw new Error(`The bare search answered HTTP ${response.status}.`);
          return ids(((await response.json()) as { contacts: Array<{ id: string }> }).contacts);
        },
      };

      const results = await Promise.all(PATHS.map(({ id }) => run[id]()));
      const sameResult = results.every(
        (list) => list.length === results[0].length && list.every((id, index) => id === results[0][index]),
      );
      if (!sameResult) throw new Error('The three paths returned different contacts.');

      for (let pass = 0; pass < WARM_UP; pass += 1) for (const { id } of PATHS) await run[id]();
      const wall: Record<PathId, number[]> = { app: [], floor: [], bare: [] };
      const cpu: Record<PathId, number[]> = { app: [], floor: [], bare: [] };
      const mark = sandbox.requestLog.length;
      for (let pass = 0; pass < ROUNDS; pass += 1) {
        // Rotate which path goes first.
        const order = [...PATHS.slice(pass % PATHS.length), ...PATHS.slice(0, pass % PATHS.length)];
        for (const { id } of order) {
          const measured = await measure(run[id]);
          wall[id].push(measured.ms);
          cpu[id].push(measured.cpuMs);
        }
      }
      const requests = sandbox.requestLog.length - mark;
      const stats = Object.fromEntries(
        PATHS.map(({ id }) => [
          id,
          {
            medianMs: round(median(wall[id])),
            p90Ms: round(percentile(wall[id], 90)),
            minMs: round(Math.min(...wall[id])),
            medianCpuMs: round(median(cpu[id])),
            ms: wall[id].map((value) => round(value)),
          },
        ]),
      ) as Record<
        PathId,
        { medianMs: number; p90Ms: number; minMs: number; medianCpuMs: number; ms: number[] }
      >;
      const over = (a: PathId, b: PathId) => ({
        wall: stats[a].medianMs / stats[b].medianMs,
        cpu: stats[a].medianCpuMs / stats[b].medianCpuMs,
      });
      const ratios = {
        appBare: over('app', 'bare'),
        floorBare: over('floor', 'bare'),
        appFloor: over('app', 'floor'),
      };
      return {
        tables: [
          {
            title: `3. Overhead: New Contact poll vs the same search (${CONTACTS.toLocaleString('en-US')} contacts, ${POLL_PAGE_LIMIT} per page; ${ROUNDS} rotating rounds after ${WARM_UP} warm-up rounds)`,
            columns: ['path', 'median', 'p90', 'min', 'CPU median', 'items'],
            rows: [
              ...PATHS.map(({ id, label }) => [
                label,
                ms(stats[id].medianMs),
                ms(stats[id].p90Ms),
                ms(stats[id].minMs),
                ms(stats[id].medianCpuMs),
                results[0].length,
              ]),
              ...(
                [
                  ['ratio app / bare (the target)', ratios.appBare],
                  ['ratio core floor / bare (zapier-platform-core)', ratios.floorBare],
                  ['ratio app / core floor (the app’s own code)', ratios.appFloor],
                ] as const
              ).map(([label, value]) => [label, ratio(value.wall), '', '', ratio(value.cpu), '']),
            ],
            notes: [
              `app − bare = ${ms(stats.app.medianMs - stats.bare.medianMs)} per poll: core floor − bare = ${ms(stats.floor.medianMs - stats.bare.medianMs)} (runtime), app − core floor = ${ms(stats.app.medianMs - stats.floor.medianMs)} (the app).`,
              `${requests} requests for ${ROUNDS * PATHS.length} calls (1 each); all three paths return the same ${results[0].length} contacts in the same order.`,
            ],
          },
        ],
        targets: [
          {
            section: 'overhead',
            name: 'New Contact poll app / bare median',
            value: round(ratios.appBare.wall, 3),
            target: `≤ ${TARGET}`,
            met: ratios.appBare.wall <= TARGET,
          },
        ],
        figures: {
          contacts: CONTACTS,
          rounds: ROUNDS,
          warmUp: WARM_UP,
          body: { ...body, locationId: '<demo location>' },
          sameResult,
          requests,
          stats,
          ratios: Object.fromEntries(
            Object.entries(ratios).map(([key, value]) => [
              key,
              { wall: round(value.wall, 3), cpu: round(value.cpu, 3) },
            ]),
          ),
        },
      };
    } finally {
      await rig.close();
    }
  },
});

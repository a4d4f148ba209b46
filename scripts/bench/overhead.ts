/**
 * Section 3, overhead: a New Contact live poll through the runtime versus the same search sent with a bare
 * `fetch` (body parsed as JSON, nothing else) to the same sandbox.
 * A third path splits the difference: "core floor" is an ad-hoc function run through the same runtime that
 * sends the same search with `z.request` and returns the raw contacts, i.e. zapier-platform-core's own cost
 * per invocation and request (plus the app's two small middlewares), without the app's zod parsing and
 * normalising. app − floor is then what the app's own code costs; the targets are on app / bare and on
 * app / core floor (ratios of medians).
 * The search body comes from the app's own code (lib/contacts/poll.ts `windowSearchBody`: New Contact's 3-hour
 * `dateAdded` window, newest first), built at the moment each path sends it, and the bench checks that all
 * three paths return the same contacts in the same order. The sandbox holds 1,000 seeded contacts (a year of
 * history) plus RECENT contacts added within the window, generated like the seeded ones (custom fields too), so
 * every poll returns RECENT contacts in one page.
 * The paths rotate after a warm-up, each first equally often; medians of wall time and of CPU time.
 * Then the app's share is broken down: each stage of its work on the same response body, timed on its own
 * in this process (the zod parse of the search envelope, normalising without custom fields, the custom fields
 * by name, re-validating the cached definitions); what remains of app − floor is the runtime path around them
 * (z.cache read, request building, middleware) and the difference in output size (the floor returns the raw
 * contacts, which core copies and checks like any result). The app reads core's parse of the body
 * (`response.data`) instead of parsing it a second time (lib/core/request.ts).
 */
import { performance } from 'node:perf_hooks';
import type { ZObject } from 'zapier-platform-core';
import { generateContact } from '../../sandbox/seed';
import { API_VERSION } from '../../sandbox/server';
import type { AppDefinition } from '../lib/runtime';
import { builtModule, measure, median, ms, percentile, ratio, round, startRig, type Section } from './common';
import { UNTHROTTLED } from './scale';
import { nativeFetch } from '../lib/nativeFetch';

const CONTACTS = 1_000;
/** Contacts added within the window: what every poll returns (one page: fewer than the page size). */
const RECENT = 90;
const ROUNDS = 100;
const WARM_UP = 10;
const TARGET_FLOOR = 1.05;
/** Repetitions of each stage in the breakdown (the median is reported). */
const STAGE_RUNS = 200;

type PathId = 'app' | 'floor' | 'bare';
const PATHS: Array<{ id: PathId; label: string }> = [
  { id: 'app', label: 'app: New Contact poll (runtime → middleware → zod → normalise)' },
  { id: 'floor', label: 'core floor: same search via z.request in the runtime, raw result' },
  { id: 'bare', label: 'bare fetch + JSON.parse' },
];

type Poll = typeof import('../../lib/contacts/poll');
type ContactsApi = typeof import('../../lib/contacts/api');
type ContactModel = typeof import('../../lib/contacts/model');
type CustomFields = typeof import('../../lib/lookups/customFields');

/** Median milliseconds of one call of `fn` (after a few warm-up calls). */
const stageMs = (fn: () => unknown): number => {
  for (let run = 0; run < 20; run += 1) fn();
  const times: number[] = [];
  for (let run = 0; run < STAGE_RUNS; run += 1) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return median(times);
};

export const overheadSection = (app: AppDefinition): Section => ({
  id: 'overhead',
  title: 'Overhead',
  run: async () => {
    const { windowSearchBody } = builtModule<Poll>('lib/contacts/poll');
    const { searchEnvelope } = builtModule<ContactsApi>('lib/contacts/api');
    const { normaliseContact } = builtModule<ContactModel>('lib/contacts/model');
    const { customFieldDefinitionSchema } = builtModule<CustomFields>('lib/lookups/customFields');
    const rig = await startRig(app, { sandbox: { seed: CONTACTS, rateLimit: UNTHROTTLED } });
    try {
      const { sandbox, runtime } = rig;
      const now = Date.now();
      sandbox.store.insertContactsBulk(
        Array.from({ length: RECENT }, (_, index) => {
          const { contact } = generateContact(CONTACTS + index, now);
          const at = now - (index + 1) * 60_000;
          return { ...contact, dateAdded: at, dateUpdated: at };
        }),
      );
      const body = () => ({ locationId: sandbox.locationId, ...windowSearchBody('dateAdded') });
      const ids = (contacts: Array<{ id: string }>) => contacts.map((contact) => contact.id);
      const searchWithCore = async (z: ZObject) => {
        const response = await z.request({
          url: `${sandbox.url}/contacts/search`,
          method: 'POST',
          headers: { Version: API_VERSION, Accept: 'application/json' },
          body: body(),
        });
        return (response.data as { contacts: Array<{ id: string }> }).contacts;
      };
      const bareSearch = async (): Promise<string> => {
        const response = await nativeFetch(`${sandbox.url}/contacts/search`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${runtime.authData.access_token}`,
            Version: API_VERSION,
            'Content-Type': 'application/json',
            Accept: 'application/json',
          },
          body: JSON.stringify(body()),
        });
        if (!response.ok) throw new Error(`The bare search answered HTTP ${response.status}.`);
        return response.text();
      };
      const run: Record<PathId, () => Promise<string[]>> = {
        app: async () =>
          ids(await runtime.run<Array<{ id: string }>>('triggers.new_contact.operation.perform', {})),
        floor: async () => ids(await runtime.call<Array<{ id: string }>>(searchWithCore, runtime.bundle())),
        bare: async () =>
          ids((JSON.parse(await bareSearch()) as { contacts: Array<{ id: string }> }).contacts),
      };

      // The app reads the window oldest first and answers the released contacts newest first (docs/TRIGGERS.md
      // §10); the other two paths keep HighLevel's order: the same contacts, compared as sets.
      const results = (await Promise.all(PATHS.map(({ id }) => run[id]()))).map((list) => [...list].sort());
      const sameResult = results.every(
        (list) => list.length === results[0].length && list.every((id, index) => id === results[0][index]),
      );
      if (!sameResult) throw new Error('The three paths returned different contacts.');
      if (results[0].length !== RECENT) {
        throw new Error(`The poll returned ${results[0].length} contacts, not the ${RECENT} added recently.`);
      }

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
      // Paired: app and floor measured in the same round, next to each other, so a change of the machine's load
      // between rounds cancels out; the median of the per-round ratios is the target's figure.
      const paired = median(cpu.app.map((value, index) => value / cpu.floor[index]));
      const ratios = {
        appBare: over('app', 'bare'),
        floorBare: over('floor', 'bare'),
        appFloor: over('app', 'floor'),
      };

      // The app's share, stage by stage, on the same response body.
      const content = await bareSearch();
      const definitionsResponse = await nativeFetch(
        `${sandbox.url}/locations/${sandbox.locationId}/customFields?model=contact`,
        { headers: { Authorization: `Bearer ${runtime.authData.access_token}`, Version: API_VERSION } },
      );
      const rawDefinitions = ((await definitionsResponse.json()) as { customFields: unknown[] }).customFields;
      const definitionsSchema = customFieldDefinitionSchema().array();
      const definitions = definitionsSchema.parse(rawDefinitions);
      const envelope = searchEnvelope().parse(JSON.parse(content));
      const plain = stageMs(() => envelope.contacts.map((contact) => normaliseContact(contact, [])));
      const withCustom = stageMs(() =>
        envelope.contacts.map((contact) => normaliseContact(contact, definitions)),
      );
      const stages = [
        {
          stage: 'zod: search envelope',
          ms:
            stageMs(() => searchEnvelope().safeParse(JSON.parse(content))) -
            stageMs(() => JSON.parse(content)),
        },
        { stage: 'normalising (no custom fields)', ms: plain },
        { stage: 'custom fields by name (values)', ms: withCustom - plain },
        {
          stage: 'custom fields: re-validating the cached definitions',
          ms:
            stageMs(() => definitionsSchema.safeParse(JSON.parse(JSON.stringify(rawDefinitions)))) -
            stageMs(() => JSON.parse(JSON.stringify(rawDefinitions))),
        },
      ].map((row) => ({ ...row, ms: Math.max(0, row.ms) }));
      const appShare = stats.app.medianCpuMs - stats.floor.medianCpuMs;
      const stagesTotal = stages.reduce((sum, row) => sum + row.ms, 0);
      const breakdown = [
        ...stages,
        { stage: 'the rest (z.cache read, request building, middleware)', ms: appShare - stagesTotal },
      ];

      return {
        tables: [
          {
            title: `3. Overhead: New Contact poll vs the same search (${CONTACTS.toLocaleString('en-US')} contacts + ${RECENT} added in the window; ${ROUNDS} rotating rounds after ${WARM_UP} warm-up rounds)`,
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
                  ['ratio app / bare', ratios.appBare],
                  ['ratio core floor / bare (zapier-platform-core)', ratios.floorBare],
                  ['ratio app / core floor (the app’s own code)', ratios.appFloor],
                ] as const
              ).map(([label, value]) => [label, ratio(value.wall), '', '', ratio(value.cpu), '']),
            ],
            notes: [
              `app / core floor, median of the ${ROUNDS} per-round CPU ratios (the target, ≤ ${TARGET_FLOOR}): ${ratio(paired)}.`,
              `app − bare = ${ms(stats.app.medianMs - stats.bare.medianMs)} per poll: core floor − bare = ${ms(stats.floor.medianMs - stats.bare.medianMs)} (runtime), app − core floor = ${ms(stats.app.medianMs - stats.floor.medianMs)} (the app).`,
              'The target is on CPU time: on a shared machine wall-clock times move with the load of other processes.',
              `${requests} requests for ${ROUNDS * PATHS.length} calls (1 each); all three paths return the same ${results[0].length} contacts in the same order.`,
            ],
          },
          {
            title: `3b. The app’s share (app − core floor = ${ms(appShare)} CPU), by stage: each timed alone on the same ${RECENT}-contact body (median of ${STAGE_RUNS})`,
            columns: ['stage', 'per poll', 'share of app − floor'],
            rows: breakdown.map((row) => [
              row.stage,
              ms(row.ms),
              appShare > 0 ? `${Math.round((row.ms / appShare) * 100)} %` : '—',
            ]),
            notes: [
              '“the rest” is app − floor (CPU medians) minus the timed stages: the runtime path around them, less the',
              'smaller output the app returns (core copies and checks every result); it moves with the noise of both paths.',
            ],
          },
        ],
        targets: [
          {
            section: 'overhead',
            name: 'New Contact poll app / core floor, median of per-round CPU ratios',
            value: round(paired, 3),
            target: `≤ ${TARGET_FLOOR}`,
            met: paired <= TARGET_FLOOR,
          },
        ],
        figures: {
          contacts: CONTACTS,
          recent: RECENT,
          rounds: ROUNDS,
          warmUp: WARM_UP,
          body: { ...body(), locationId: '<demo location>' },
          sameResult,
          requests,
          stats,
          pairedCpuRatioAppFloor: round(paired, 3),
          ratios: Object.fromEntries(
            Object.entries(ratios).map(([key, value]) => [
              key,
              { wall: round(value.wall, 3), cpu: round(value.cpu, 3) },
            ]),
          ),
          breakdown: breakdown.map((row) => ({ stage: row.stage, ms: round(row.ms, 3) })),
        },
      };
    } finally {
      await rig.close();
    }
  },
});

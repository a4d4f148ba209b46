/**
 * The instant truth scenarios' fast subset (scripts/lib/truth/instant.ts, docs/HOOKS.md §4), each on a fresh rig:
 * the sandbox's signed webhooks through a real relay process to the app's hook triggers, run by the emulated
 * Zapier; every Zap must fire once per journaled event it covers: 0 missed, 0 duplicate, 0 false, nothing after
 * a 410. The whole set (5,000-contact import, 2,000-contact bulk tag, kill -9 mid-burst) is the bench's
 * (`npm run bench -- --only=instant --instant-parts=truth`).
 *
 * Scenarios in KNOWN_RELAY_BUGS fail today because of the relay (reported to its owner, docs/HOOKS.md §4); they
 * run as `it.failing`, so the day the relay is fixed they fail here and must move back to `it`.
 */
import nock from 'nock';
import type { AppDefinition } from '../../../scripts/lib/runtime';
import { INSTANT_SCENARIOS, describeOutcome, runInstantScenario } from '../../../scripts/lib/truth/instant';

jest.setTimeout(180_000);

beforeAll(() => nock.enableNetConnect('127.0.0.1'));

/** Scenario name → why it fails today (docs/HOOKS.md §4). */
const KNOWN_RELAY_BUGS: Record<string, string> = {};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadApp = (): AppDefinition => require('../../../index') as AppDefinition;

describe('instant truth scenarios (fast subset)', () => {
  for (const scenario of INSTANT_SCENARIOS.filter((candidate) => candidate.fast)) {
    const known = KNOWN_RELAY_BUGS[scenario.name];
    (known ? it.failing : it)(`${scenario.name}${known ? ` — known relay bug: ${known}` : ''}`, async () => {
      const outcome = await runInstantScenario(scenario, {
        loadApp,
        // A known failure never completes its due: wait less for it.
        settleTimeoutMs: known ? 8_000 : 20_000,
        quietMs: 1_000,
      });
      if (!outcome.ok) throw new Error(describeOutcome(outcome));
      expect(outcome.totals.fired).toBe(outcome.totals.expected);
    });
  }
});

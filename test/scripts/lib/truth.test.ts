/**
 * The trigger truth simulator's fast subset (scripts/lib/truth, docs/TRIGGERS.md §5): each fast scenario against a
 * fresh sandbox, through core's real z.cache code and Zapier's polling as the simulator emulates it. Every Zap of
 * every scenario must show 0 false fires, 0 duplicates and 0 missed events; rule-allowed ("may") events are only
 * measured. The whole set runs with `npm run bench -- --only=truth`.
 */
import nock from 'nock';
import app from '../../../index';
import '../../../scripts/lib/truth/scenarios';
import { registeredScenarios, runScenarios, type ZapResult } from '../../../scripts/lib/truth/truth';

jest.setTimeout(240_000);

beforeAll(() => nock.enableNetConnect('127.0.0.1'));
afterAll(() => nock.disableNetConnect());

const fast = registeredScenarios().filter((scenario) => scenario.fast);

/** The Zaps whose scenario makes one poll fail on purpose (`zap.failNext`); every other poll must succeed. */
const INJECTED_FAILURES: Record<string, number> = { 'ta-twin': 1, 'task-completed': 1, 'new-note': 1 };

const summary = (result: ZapResult) => ({
  zap: result.zapId,
  falseFires: result.falseFires,
  duplicates: result.duplicates,
  missed: result.missed,
  details: result.details,
});

describe('trigger truth (fast scenarios)', () => {
  it('has fast scenarios registered', () => {
    expect(fast.length).toBeGreaterThanOrEqual(2);
  });

  it.each(fast.map((scenario) => [scenario.name]))('%s', async (name) => {
    const results = await runScenarios({ app, only: (scenario) => scenario.name === name });

    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(summary(result)).toEqual({
        ...summary(result),
        falseFires: 0,
        duplicates: 0,
        missed: 0,
        details: [],
      });
      expect(result.expected + result.mayExpected).toBeGreaterThan(0);
      expect(result.failedPolls).toBe(INJECTED_FAILURES[result.zapId] ?? 0);
    }
  });
});

/**
 * Section 6, connection: the connection simulator (scripts/lib/connectionSimulator.ts, docs/CONNECTION.md §6)
 * with 10 and with 50 concurrent steps of one connection across 20 successive token expiries, Zapier's refresh
 * handling emulated around every step, z.cache through the emulated state service, and the sandbox spending
 * each refresh token once.
 *
 * Targets: 0 dead connections and 0 failed steps; exactly 1 refresh call per expiry (one step spends the
 * refresh token, every other step that needed a new token gets the same set from z.cache); 0 refused refreshes.
 */
import { startSandbox } from '../../sandbox/server';
import { simulateConnection, type ConnectionSimResult } from '../lib/connectionSimulator';
import { pointAppAt } from '../lib/local';
import type { AppDefinition } from '../lib/runtime';
import { ZapierStateServer } from '../lib/zapierPlatform';
import { ms, progress, type Section, type Target } from './common';

const EXPIRIES = 20;
const CONCURRENCY = [10, 50];

const distribution = (values: number[]): string => {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([value, count]) => `${value}×${count}`)
    .join(', ');
};

export const connectionSection = (app: AppDefinition): Section => ({
  id: 'connection',
  title: 'Connection: concurrent steps across token expiries',
  async run() {
    const sandbox = await startSandbox({
      port: 0,
      seed: 20,
      rateLimit: { max: 1_000_000, intervalMs: 10_000 },
    });
    const restoreEnv = pointAppAt(sandbox);
    const server = await ZapierStateServer.start();
    const results: ConnectionSimResult[] = [];
    try {
      for (const concurrency of CONCURRENCY) {
        progress(`connection: ${concurrency} concurrent steps × ${EXPIRIES} expiries…`);
        server.clear();
        results.push(await simulateConnection({ app, sandbox, server, concurrency, expiries: EXPIRIES }));
      }
    } finally {
      restoreEnv();
      await server.stop();
      await sandbox.close();
    }

    const targets: Target[] = results.flatMap((result) => {
      const calls = result.perExpiry.map((figures) => figures.refreshCalls);
      const refused = result.perExpiry.reduce((sum, figures) => sum + figures.refusedRefreshes, 0);
      const label = `${result.concurrency} concurrent steps × ${result.expiries} expiries`;
      return [
        {
          section: 'connection',
          name: `${label}: dead connections`,
          value: result.deadConnections,
          target: '0',
          met: result.deadConnections === 0,
        },
        {
          section: 'connection',
          name: `${label}: failed steps`,
          value: result.failedSteps,
          target: '0',
          met: result.failedSteps === 0 && result.completedExpiries === result.expiries,
        },
        {
          section: 'connection',
          name: `${label}: refresh calls per expiry`,
          value: distribution(calls),
          target: `1×${result.expiries}`,
          met: calls.length === result.expiries && calls.every((count) => count === 1),
        },
        {
          section: 'connection',
          name: `${label}: refused refreshes (a used refresh token sent)`,
          value: refused,
          target: '0',
          met: refused === 0,
        },
      ];
    });

    return {
      tables: [
        {
          title: `Connection: ${CONCURRENCY.join(' and ')} concurrent steps × ${EXPIRIES} token expiries`,
          columns: [
            'concurrent steps',
            'expiries done',
            'steps',
            'failed',
            'dead connections',
            'refresh calls / expiry',
            'refused refreshes',
            'refreshAccessToken runs / expiry',
            '401s / expiry',
            'time',
          ],
          rows: results.map((result) => [
            result.concurrency,
            `${result.completedExpiries}/${result.expiries}`,
            result.steps,
            result.failedSteps,
            result.deadConnections,
            distribution(result.perExpiry.map((figures) => figures.refreshCalls)),
            result.perExpiry.reduce((sum, figures) => sum + figures.refusedRefreshes, 0),
            distribution(result.perExpiry.map((figures) => figures.refreshRuns)),
            distribution(result.perExpiry.map((figures) => figures.unauthorized)),
            ms(result.ms),
          ]),
          notes: [
            'Each expiry: HighLevel (the sandbox) expires the access token while the stored expires_at says 5 min',
            'are left, so steps whose Zap window (1–10 min, docs/CONNECTION.md §2) covers it refresh ahead and the',
            'others meet a 401. "refresh calls" reached the token endpoint; "refreshAccessToken runs" are Zapier\'s',
            'calls of it, all but one answered from the result another step published in z.cache.',
            ...results.flatMap((result) =>
              Object.entries(result.failures).map(
                ([message, count]) => `${result.concurrency} steps: ${count}× ${message}`,
              ),
            ),
          ],
        },
      ],
      targets,
      figures: results,
    };
  },
});

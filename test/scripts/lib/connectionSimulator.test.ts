/**
 * The connection simulator's fast subset (the full run is `npm run bench -- --only=connection`): concurrent
 * steps of one connection across token expiries, Zapier's refresh handling emulated, the sandbox spending
 * each refresh token once, z.cache through the emulated state service (docs/CONNECTION.md §6).
 */
import nock from 'nock';
import App from '../../../index';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { simulateConnection } from '../../../scripts/lib/connectionSimulator';
import { pointAppAt } from '../../../scripts/lib/local';
import { ZapierStateServer } from '../../../scripts/lib/zapierPlatform';

jest.setTimeout(120_000);

let sandbox: Sandbox;
let server: ZapierStateServer;
let restoreEnv: () => void;

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  sandbox = await startSandbox({ port: 0, seed: 5, rateLimit: { max: 1_000_000, intervalMs: 10_000 } });
  restoreEnv = pointAppAt(sandbox);
  server = await ZapierStateServer.start();
});
afterAll(async () => {
  restoreEnv();
  await server.stop();
  await sandbox.close();
});

describe.each([
  [10, 2],
  [50, 1],
])('%i concurrent steps over %i token expiries', (concurrency, expiries) => {
  it('keeps the connection alive: no failed step, one refresh call per expiry, no used token sent', async () => {
    server.clear();
    const result = await simulateConnection({ app: App, sandbox, server, concurrency, expiries });
    expect(result.failures).toEqual({});
    expect(result.deadConnections).toBe(0);
    expect(result.failedSteps).toBe(0);
    expect(result.completedExpiries).toBe(expiries);
    expect(result.perExpiry.map((figures) => figures.refreshCalls)).toEqual(Array(expiries).fill(1));
    expect(result.perExpiry.map((figures) => figures.refusedRefreshes)).toEqual(Array(expiries).fill(0));
    // Every step needed the new token, and both ways of noticing it happened.
    for (const figures of result.perExpiry) {
      expect(figures.refreshRuns).toBeGreaterThan(1);
      expect(figures.refreshRuns).toBeLessThanOrEqual(concurrency);
    }
  });
});

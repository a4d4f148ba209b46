/**
 * The Zapier state-service stand-in (scripts/lib/zapierPlatform.ts), driven through core's real `z.cache` and
 * `z.cursor` code by Runtime's `platform` option: TTL, scope and set-if-absent behave as docs/ZAPIER.md says.
 */
import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { createRuntime, type AppDefinition } from '../../../scripts/lib/runtime';
import { ZapierStateServer, type StepIdentity } from '../../../scripts/lib/zapierPlatform';

type Scope = string[] | null;
interface CacheInput {
  key: string;
  value?: unknown;
  ttl?: number;
  scope?: Scope;
  nx?: boolean;
}

// Core 19's types declare `get(key)` and `delete(key)` without the scope its code takes (create-cache.js).
interface ScopedCache {
  get(key: string, scope?: Scope): Promise<unknown>;
  set(key: string, value: unknown, ttl?: number | null, scope?: Scope, nx?: boolean | null): Promise<unknown>;
  delete(key: string, scope?: Scope): Promise<unknown>;
}
const cacheOf = (z: ZObject): ScopedCache => z.cache as unknown as ScopedCache;

const setValue = async (z: ZObject, bundle: { inputData: CacheInput }) => {
  const { key, value, ttl, scope, nx } = bundle.inputData;
  return { result: await cacheOf(z).set(key, value, ttl ?? null, scope ?? null, nx ?? null) };
};
const getValue = async (z: ZObject, bundle: { inputData: CacheInput }) => ({
  value: await cacheOf(z).get(bundle.inputData.key, bundle.inputData.scope ?? null),
});
const deleteValue = async (z: ZObject, bundle: { inputData: CacheInput }) => ({
  result: await cacheOf(z).delete(bundle.inputData.key, bundle.inputData.scope ?? null),
});
const pageWithCursor = async (z: ZObject, bundle: { meta: { page?: number } }) => {
  const before = await z.cursor.get();
  await z.cursor.set(`after-page-${bundle.meta.page ?? 0}`);
  return [{ id: String(bundle.meta.page ?? 0), cursorBefore: before ?? null }];
};

const operation = (key: string, perform: unknown) => ({
  key,
  noun: 'Probe',
  display: { label: `Probe ${key}`, description: `Creates a probe ${key}.` },
  operation: { perform },
});

const app = {
  version: '1.0.0',
  platformVersion: '19.1.0',
  creates: {
    set_value: operation('set_value', setValue),
    get_value: operation('get_value', getValue),
    delete_value: operation('delete_value', deleteValue),
  },
  triggers: {
    paged: {
      key: 'paged',
      noun: 'Page',
      display: { label: 'Paged', description: 'Triggers when a page is read.', hidden: true },
      operation: { type: 'polling', canPaginate: true, perform: pageWithCursor },
    },
  },
} as unknown as AppDefinition;

let clock = Date.UTC(2026, 10, 30, 12);
let server: ZapierStateServer;

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  server = await ZapierStateServer.start({ now: () => clock });
});

afterAll(async () => {
  await server.stop();
});

beforeEach(() => server.clear());

const runtimeFor = (identity: StepIdentity) => createRuntime(app, { platform: { server, identity } });
const run = (identity: StepIdentity, path: string, input: CacheInput) =>
  runtimeFor(identity).call<Record<string, unknown>>(
    `creates.${path}.operation.perform`,
    runtimeFor(identity).bundle(input as unknown as Record<string, unknown>),
  );

const alice = { connectionId: 'conn-a', userId: 'user-1', zapId: 'zap-1' };
const aliceOtherZap = { connectionId: 'conn-a', userId: 'user-1', zapId: 'zap-2' };
const aliceSecondConnection = { connectionId: 'conn-b', userId: 'user-1', zapId: 'zap-3' };
const bob = { connectionId: 'conn-c', userId: 'user-2', zapId: 'zap-4' };

describe('z.cache through the emulated state service', () => {
  it('round-trips JSON values through core', async () => {
    await run(alice, 'set_value', { key: 'k', value: { list: [1, 'two'] }, scope: ['auth'] });
    expect(await run(alice, 'get_value', { key: 'k', scope: ['auth'] })).toEqual({
      value: { list: [1, 'two'] },
    });
    expect(await run(alice, 'get_value', { key: 'missing', scope: ['auth'] })).toEqual({ value: null });
  });

  it("scope ['auth'] is one connection: every Zap on it shares it, other connections do not see it", async () => {
    await run(alice, 'set_value', { key: 'k', value: 1, scope: ['auth'] });
    expect(await run(aliceOtherZap, 'get_value', { key: 'k', scope: ['auth'] })).toEqual({ value: 1 });
    expect(await run(aliceSecondConnection, 'get_value', { key: 'k', scope: ['auth'] })).toEqual({
      value: null,
    });
    expect(server.entries()).toEqual([{ scope: 'auth:conn-a', key: 'k', value: 1, expiresAt: undefined }]);
  });

  it("scope ['user'] spans a user's connections; no scope spans every user", async () => {
    await run(alice, 'set_value', { key: 'u', value: 'mine', scope: ['user'] });
    await run(alice, 'set_value', { key: 'g', value: 'everyone' });
    expect(await run(aliceSecondConnection, 'get_value', { key: 'u', scope: ['user'] })).toEqual({
      value: 'mine',
    });
    expect(await run(bob, 'get_value', { key: 'u', scope: ['user'] })).toEqual({ value: null });
    expect(await run(bob, 'get_value', { key: 'g' })).toEqual({ value: 'everyone' });
  });

  it('expires an entry when its TTL has passed on the injected clock', async () => {
    await run(alice, 'set_value', { key: 't', value: 'soon gone', ttl: 60, scope: ['auth'] });
    clock += 59_000;
    expect(await run(alice, 'get_value', { key: 't', scope: ['auth'] })).toEqual({ value: 'soon gone' });
    clock += 1_000;
    expect(await run(alice, 'get_value', { key: 't', scope: ['auth'] })).toEqual({ value: null });
  });

  it('nx sets only when the key is absent (a lock), and again once the holder has expired', async () => {
    expect(
      await run(alice, 'set_value', { key: 'lock', value: 'A', ttl: 30, scope: ['auth'], nx: true }),
    ).toEqual({
      result: true,
    });
    expect(
      await run(aliceOtherZap, 'set_value', { key: 'lock', value: 'B', ttl: 30, scope: ['auth'], nx: true }),
    ).toEqual({ result: false });
    expect(await run(alice, 'get_value', { key: 'lock', scope: ['auth'] })).toEqual({ value: 'A' });
    clock += 30_000;
    expect(
      await run(aliceOtherZap, 'set_value', { key: 'lock', value: 'B', ttl: 30, scope: ['auth'], nx: true }),
    ).toEqual({ result: true });
  });

  it('deletes, answering whether there was an entry', async () => {
    await run(alice, 'set_value', { key: 'd', value: 1, scope: ['auth'] });
    expect(await run(alice, 'delete_value', { key: 'd', scope: ['auth'] })).toEqual({ result: true });
    expect(await run(alice, 'delete_value', { key: 'd', scope: ['auth'] })).toEqual({ result: false });
  });

  it('refuses a value larger than the limit, as an error of the step', async () => {
    const small = await ZapierStateServer.start({ maxValueBytes: 10 });
    try {
      const runtime = createRuntime(app, { platform: { server: small, identity: alice } });
      await expect(
        runtime.call(
          'creates.set_value.operation.perform',
          runtime.bundle({ key: 'big', value: 'x'.repeat(20) }),
        ),
      ).rejects.toThrow(/larger than 10 bytes/);
    } finally {
      await small.stop();
    }
  });
});

describe('z.cursor through the emulated state service', () => {
  it('keeps the cursor between the pages of one Zap, separately for each Zap', async () => {
    const pages = async (identity: StepIdentity) => {
      const runtime = runtimeFor(identity);
      const first = await runtime.call<Array<Record<string, unknown>>>(
        'triggers.paged.operation.perform',
        runtime.bundle({}, { page: 0 }),
      );
      const second = await runtime.call<Array<Record<string, unknown>>>(
        'triggers.paged.operation.perform',
        runtime.bundle({}, { page: 1 }),
      );
      return [first[0].cursorBefore, second[0].cursorBefore];
    };
    expect(await pages(alice)).toEqual([null, 'after-page-0']);
    expect(await pages(aliceOtherZap)).toEqual([null, 'after-page-0']);
  });
});

describe('the log stream', () => {
  it('receives the logs core streams for a step that has a token', async () => {
    const before = server.logLines.length;
    await run(alice, 'set_value', { key: 'k', value: 1 });
    // core ends its log stream when the step finishes; give the socket a moment to deliver
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.logLines.length).toBeGreaterThanOrEqual(before);
  });
});

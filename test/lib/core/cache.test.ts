/**
 * lib/core/cache.ts: z.cache when it works (on Zapier), an in-process memory cache with a TTL when it does not
 * (local runs), re-validation of what comes back, and no request for a peek.
 */
import type { ZObject } from 'zapier-platform-core';
import { cached, claimOnce, clearLocalCache, peekCached, releaseClaim } from '../../../lib/core/cache';

/** A z whose z.cache behaves like Zapier's (JSON round trip), recording every call. */
const zapierCache = () => {
  const store = new Map<string, string>();
  const calls: Array<[string, ...unknown[]]> = [];
  const z = {
    cache: {
      get: async (key: string) => {
        calls.push(['get', key]);
        const raw = store.get(key);
        return raw === undefined ? null : (JSON.parse(raw) as unknown);
      },
      set: async (key: string, value: unknown, ttl?: number) => {
        calls.push(['set', key, value, ttl]);
        store.set(key, JSON.stringify(value));
        return true;
      },
    },
  } as unknown as ZObject;
  return { z, store, calls };
};

/** A z whose z.cache cannot work (no RPC: createAppTester without it, `zapier-platform invoke`). */
const noZapierCache = () =>
  ({
    cache: {
      get: async () => {
        throw new Error('rpc is not available');
      },
      set: async () => {
        throw new Error('rpc is not available');
      },
    },
  }) as unknown as ZObject;

const asNumbers = (value: unknown) =>
  Array.isArray(value) && value.every((item) => typeof item === 'number') ? (value as number[]) : undefined;

const loader = <T>(value: T) => jest.fn(async () => value);

describe('with z.cache (on Zapier)', () => {
  it('loads once, stores with the TTL, then answers from z.cache', async () => {
    const { z, calls } = zapierCache();
    const load = loader([1, 2]);
    expect(await cached(z, 'k', 300, load, asNumbers)).toEqual([1, 2]);
    expect(await cached(z, 'k', 300, load, asNumbers)).toEqual([1, 2]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([
      ['get', 'k'],
      ['set', 'k', [1, 2], 300],
      ['get', 'k'],
    ]);
  });

  it('keeps nothing in process memory when z.cache works', async () => {
    const { z } = zapierCache();
    await cached(z, 'k', 300, loader([1]), asNumbers);
    const load = loader([2]);
    expect(await cached(noZapierCache(), 'k', 300, load, asNumbers)).toEqual([2]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('counts an empty list as a hit (e.g. no custom-field permission)', async () => {
    const { z } = zapierCache();
    await cached(z, 'k', 300, loader([]), asNumbers);
    const load = loader([9]);
    expect(await cached(z, 'k', 300, load, asNumbers)).toEqual([]);
    expect(load).not.toHaveBeenCalled();
  });

  it('reloads and overwrites a cached value that no longer parses (older shape)', async () => {
    const { z, store } = zapierCache();
    store.set('k', JSON.stringify({ old: 'shape' }));
    const load = loader([3]);
    expect(await cached(z, 'k', 300, load, asNumbers)).toEqual([3]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(JSON.parse(store.get('k')!)).toEqual([3]);
  });

  it('caches nothing when loading fails', async () => {
    const { z, store } = zapierCache();
    await expect(
      cached(z, 'k', 300, async () => Promise.reject(new Error('HTTP 500')), asNumbers),
    ).rejects.toThrow('HTTP 500');
    expect(store.has('k')).toBe(false);
  });

  it('keeps keys apart', async () => {
    const { z } = zapierCache();
    await cached(z, 'a', 300, loader([1]), asNumbers);
    expect(await cached(z, 'b', 300, loader([2]), asNumbers)).toEqual([2]);
  });
});

describe('without z.cache (local runs): memory with a TTL', () => {
  afterEach(() => jest.restoreAllMocks());

  it('loads once and answers from memory within the TTL', async () => {
    const z = noZapierCache();
    const load = loader([1]);
    await cached(z, 'k', 60, load, asNumbers);
    expect(await cached(z, 'k', 60, load, asNumbers)).toEqual([1]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads again once the TTL has passed', async () => {
    const z = noZapierCache();
    const start = Date.now();
    const now = jest.spyOn(Date, 'now').mockReturnValue(start);
    const load = jest.fn().mockResolvedValueOnce([1]).mockResolvedValueOnce([2]);
    await cached(z, 'k', 60, load, asNumbers);
    now.mockReturnValue(start + 59_000);
    expect(await cached(z, 'k', 60, load, asNumbers)).toEqual([1]);
    now.mockReturnValue(start + 60_001);
    expect(await cached(z, 'k', 60, load, asNumbers)).toEqual([2]);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('is emptied by clearLocalCache (test/setup.ts does it before each test)', async () => {
    const z = noZapierCache();
    await cached(z, 'k', 60, loader([1]), asNumbers);
    clearLocalCache();
    const load = loader([2]);
    expect(await cached(z, 'k', 60, load, asNumbers)).toEqual([2]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('re-validates what it kept', async () => {
    const z = noZapierCache();
    await cached(z, 'k', 60, loader(['not numbers']), () => undefined);
    const load = loader([5]);
    expect(await cached(z, 'k', 60, load, asNumbers)).toEqual([5]);
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('peekCached', () => {
  it('never loads: undefined on a miss, the parsed value on a hit', async () => {
    const { z, calls } = zapierCache();
    expect(await peekCached(z, 'k', asNumbers)).toBeUndefined();
    await cached(z, 'k', 300, loader([7]), asNumbers);
    expect(await peekCached(z, 'k', asNumbers)).toEqual([7]);
    expect(calls.filter(([method]) => method === 'set')).toHaveLength(1);
  });

  it('returns undefined for a value that does not parse', async () => {
    const { z, store } = zapierCache();
    store.set('k', JSON.stringify('text'));
    expect(await peekCached(z, 'k', asNumbers)).toBeUndefined();
  });

  it('reads the memory fallback too', async () => {
    const z = noZapierCache();
    expect(await peekCached(z, 'k', asNumbers)).toBeUndefined();
    await cached(z, 'k', 60, loader([8]), asNumbers);
    expect(await peekCached(z, 'k', asNumbers)).toEqual([8]);
  });
});

describe('claimOnce and releaseClaim', () => {
  /** z.cache as on Zapier for a claim: `nx` sets only an absent key (create-cache.js), delete removes it. */
  const nxCache = () => {
    const store = new Map<string, unknown>();
    const z = {
      cache: {
        set: async (key: string, value: unknown, _ttl?: number, _scope?: unknown, nx?: boolean) => {
          if (nx && store.has(key)) return false;
          store.set(key, value);
          return true;
        },
        delete: async (key: string) => store.delete(key),
      },
    } as unknown as ZObject;
    return { z, store };
  };

  it('with z.cache: the first claim wins, a second loses, a released claim can be taken again', async () => {
    const { z, store } = nxCache();
    expect(await claimOnce(z, 'relay-fire:d1', 60)).toBe(true);
    expect(await claimOnce(z, 'relay-fire:d1', 60)).toBe(false);
    expect(await claimOnce(z, 'relay-fire:d2', 60)).toBe(true);
    await releaseClaim(z, 'relay-fire:d1');
    expect(store.has('relay-fire:d1')).toBe(false);
    expect(await claimOnce(z, 'relay-fire:d1', 60)).toBe(true);
  });

  it('without z.cache: the same in process memory', async () => {
    const z = {
      cache: { ...noZapierCache().cache, delete: noZapierCache().cache.get },
    } as unknown as ZObject;
    expect(await claimOnce(z, 'k', 60)).toBe(true);
    expect(await claimOnce(z, 'k', 60)).toBe(false);
    await releaseClaim(z, 'k');
    expect(await claimOnce(z, 'k', 60)).toBe(true);
  });
});

/**
 * lib/core/refresh.ts on its own: one refresh per refresh token among concurrent steps (set-if-absent lock in
 * z.cache scoped to the connection), the published result encrypted and found by later steps (following
 * rotations), a dead token told to the waiting steps, a temporary failure freeing the lock, and the local
 * fallback where z.cache cannot work (docs/CONNECTION.md §1).
 */
import { errors, type ZObject } from 'zapier-platform-core';
import {
  clearLocalRefreshes,
  deadKey,
  fingerprint,
  lockKey,
  refreshOnce,
  refreshSettings,
  resultKey,
  seal,
  unseal,
  type RefreshOptions,
  type TokenSet,
} from '../../../lib/core/refresh';

const SECRET = 'client-secret-for-tests-0123';

/** A z.cache like Zapier's: JSON values, TTL, scope, nx; records every call. */
const zapierCache = () => {
  const store = new Map<string, { json: string; expiresAt?: number }>();
  const calls: string[] = [];
  const keyOf = (key: string, scope: unknown) => `${JSON.stringify(scope ?? null)}|${key}`;
  const live = (key: string) => {
    const entry = store.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) store.delete(key);
    return store.get(key);
  };
  const cache = {
    get: async (key: string, scope?: unknown) => {
      calls.push(`get ${key}`);
      const entry = live(keyOf(key, scope));
      return entry ? (JSON.parse(entry.json) as unknown) : null;
    },
    set: async (key: string, value: unknown, ttl?: number, scope?: unknown, nx?: boolean) => {
      calls.push(`set ${key}${nx ? ' nx' : ''}`);
      const full = keyOf(key, scope);
      if (nx && live(full)) return false;
      store.set(full, { json: JSON.stringify(value), expiresAt: ttl ? Date.now() + ttl * 1000 : undefined });
      return true;
    },
    delete: async (key: string, scope?: unknown) => {
      calls.push(`delete ${key}`);
      return store.delete(keyOf(key, scope));
    },
  };
  const z = { cache, errors } as unknown as ZObject;
  return { z, store, calls, raw: (key: string) => live(keyOf(key, ['auth'])) };
};

const noCache = () =>
  ({
    cache: {
      get: async () => {
        throw new Error('rpc is not available');
      },
      set: async () => {
        throw new Error('rpc is not available');
      },
      delete: async () => {
        throw new Error('rpc is not available');
      },
    },
    errors,
  }) as unknown as ZObject;

const tokenSet = (n: number): TokenSet => ({
  access_token: `access-${n}-abcdef`,
  refresh_token: `refresh-${n}-abcdef`,
  expires_at: 1_800_000_000 + n,
  locationId: 'loc-1',
});

class Dead extends Error {}

/** A HighLevel that spends each refresh token once: refresh-n → set n+1. */
const highlevel = (delayMs = 20) => {
  const spent = new Set<string>();
  const sent: string[] = [];
  const refresh = (token: string) => async () => {
    sent.push(token);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (spent.has(token)) throw new Dead('invalid_grant');
    spent.add(token);
    return tokenSet(Number(token.split('-')[1]) + 1);
  };
  return { sent, refresh };
};

const options = (refresh: () => Promise<TokenSet>): RefreshOptions => ({
  secret: SECRET,
  refresh,
  isDeadToken: (error) => error instanceof Dead || error instanceof errors.ExpiredAuthError,
  deadError: () => new errors.ExpiredAuthError('dead'),
  busyError: () => new Error('busy'),
});

const saved = { ...refreshSettings };
beforeEach(() => {
  clearLocalRefreshes();
  Object.assign(refreshSettings, { pollMs: 5, maxPollMs: 20, waitMs: 2_000 });
});
afterEach(() => Object.assign(refreshSettings, saved));

describe('with z.cache (on Zapier)', () => {
  it('20 concurrent steps: one refresh call, every step gets the same new set', async () => {
    const { z } = zapierCache();
    const api = highlevel();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        refreshOnce(z, 'refresh-1-abcdef', options(api.refresh('refresh-1-abcdef'))),
      ),
    );
    expect(api.sent).toEqual(['refresh-1-abcdef']);
    for (const result of results) expect(result).toEqual(tokenSet(2));
  });

  it('keys the lock and the result by a digest of the refresh token, scoped to the connection, never the token', async () => {
    const { z, calls, store } = zapierCache();
    const api = highlevel();
    await refreshOnce(z, 'refresh-1-abcdef', options(api.refresh('refresh-1-abcdef')));
    expect(calls).toEqual([
      `get ${resultKey('refresh-1-abcdef')}`,
      `set ${lockKey('refresh-1-abcdef')} nx`,
      `set ${resultKey('refresh-1-abcdef')}`,
    ]);
    expect(lockKey('refresh-1-abcdef')).toBe(`hl:refresh-lock:${fingerprint('refresh-1-abcdef')}`);
    const everything = JSON.stringify([...store]);
    expect(everything).not.toContain('refresh-1-abcdef');
    expect(everything).not.toContain('refresh-2-abcdef');
    expect(everything).not.toContain('access-2-abcdef');
    expect([...store.keys()].every((key) => key.startsWith('["auth"]|'))).toBe(true);
  });

  it('publishes the result for a short while only', async () => {
    const { z, store } = zapierCache();
    await refreshOnce(z, 'refresh-1-abcdef', options(highlevel().refresh('refresh-1-abcdef')));
    const published = store.get(`["auth"]|${resultKey('refresh-1-abcdef')}`);
    const lock = store.get(`["auth"]|${lockKey('refresh-1-abcdef')}`);
    expect((published?.expiresAt ?? Infinity) - Date.now()).toBeLessThanOrEqual(
      refreshSettings.resultTtlSeconds * 1000,
    );
    expect(refreshSettings.resultTtlSeconds).toBeLessThanOrEqual(600);
    expect((lock?.expiresAt ?? Infinity) - Date.now()).toBeLessThanOrEqual(
      refreshSettings.lockTtlSeconds * 1000,
    );
  });

  it('a step that still holds an old token gets the newest set, following rotations, sending nothing', async () => {
    const { z } = zapierCache();
    const api = highlevel();
    await refreshOnce(z, 'refresh-1-abcdef', options(api.refresh('refresh-1-abcdef')));
    await refreshOnce(z, 'refresh-2-abcdef', options(api.refresh('refresh-2-abcdef')));
    const late = await refreshOnce(z, 'refresh-1-abcdef', options(api.refresh('refresh-1-abcdef')));
    expect(late).toEqual(tokenSet(3));
    expect(api.sent).toEqual(['refresh-1-abcdef', 'refresh-2-abcdef']);
  });

  it('a refused token: the result of a step that spent it first wins over ExpiredAuthError', async () => {
    const { z } = zapierCache();
    // Another step spent refresh-1 and published just as our refresh was being refused.
    const racing = async () => {
      await z.cache.set(resultKey('refresh-1-abcdef'), seal(tokenSet(2), SECRET), 60, ['auth']);
      throw new Dead('invalid_grant');
    };
    await expect(refreshOnce(z, 'refresh-1-abcdef', options(racing))).resolves.toEqual(tokenSet(2));
  });

  it('a really dead token: ExpiredAuthError for the step that tried and, at once, for those waiting', async () => {
    const { z } = zapierCache();
    // As in the app: the token call itself turns invalid_grant into ExpiredAuthError.
    const dead = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new errors.ExpiredAuthError('dead');
    };
    const started = Date.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => refreshOnce(z, 'refresh-9-abcdef', options(dead))),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(5).fill('rejected'));
    for (const outcome of outcomes) {
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(errors.ExpiredAuthError);
    }
    expect(Date.now() - started).toBeLessThan(refreshSettings.waitMs);
    expect(await z.cache.get(deadKey('refresh-9-abcdef'))).toBeNull(); // scoped: not visible unscoped
  });

  it('a temporary failure frees the lock: a waiting step takes over and refreshes', async () => {
    const { z } = zapierCache();
    const api = highlevel();
    let first = true;
    const flaky = async () => {
      if (first) {
        first = false;
        await new Promise((resolve) => setTimeout(resolve, 30));
        throw new Error('HTTP 503');
      }
      return api.refresh('refresh-1-abcdef')();
    };
    const outcomes = await Promise.allSettled([
      refreshOnce(z, 'refresh-1-abcdef', options(flaky)),
      refreshOnce(z, 'refresh-1-abcdef', options(flaky)),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(api.sent).toEqual(['refresh-1-abcdef']);
  });

  it('waits no longer than its limit for a winner that never publishes: a temporary error', async () => {
    const { z } = zapierCache();
    refreshSettings.waitMs = 100;
    await z.cache.set(lockKey('refresh-1-abcdef'), { at: 0 }, 30, ['auth'], true);
    await expect(
      refreshOnce(z, 'refresh-1-abcdef', options(highlevel().refresh('refresh-1-abcdef'))),
    ).rejects.toThrow('busy');
  });
});

describe('the published set', () => {
  it('is encrypted with a key from the client secret and authenticated', () => {
    const sealed = seal(tokenSet(2), SECRET);
    expect(JSON.stringify(sealed)).not.toContain('abcdef');
    expect(unseal(sealed, SECRET)).toEqual(tokenSet(2));
    expect(unseal(sealed, 'another-secret-000000')).toBeUndefined();
    expect(unseal({ ...sealed, data: Buffer.from('tampered').toString('base64') }, SECRET)).toBeUndefined();
    expect(unseal(tokenSet(2), SECRET)).toBeUndefined();
    expect(unseal(null, SECRET)).toBeUndefined();
  });
});

describe('without z.cache (local runs)', () => {
  it('concurrent steps of this process share one refresh', async () => {
    const api = highlevel();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        refreshOnce(noCache(), 'refresh-1-abcdef', options(api.refresh('refresh-1-abcdef'))),
      ),
    );
    expect(api.sent).toEqual(['refresh-1-abcdef']);
    for (const result of results) expect(result).toEqual(tokenSet(2));
    // A later step with the same old token gets the same set.
    await expect(
      refreshOnce(noCache(), 'refresh-1-abcdef', options(api.refresh('refresh-1-abcdef'))),
    ).resolves.toEqual(tokenSet(2));
    expect(api.sent).toHaveLength(1);
  });

  it('a failure is not remembered: the next step tries again', async () => {
    const failing = jest.fn(async () => {
      throw new Error('HTTP 503');
    });
    await expect(refreshOnce(noCache(), 'refresh-1-abcdef', options(failing))).rejects.toThrow('HTTP 503');
    await expect(refreshOnce(noCache(), 'refresh-1-abcdef', options(failing))).rejects.toThrow('HTTP 503');
    expect(failing).toHaveBeenCalledTimes(2);
  });
});

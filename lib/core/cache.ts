/**
 * A few-minutes cache for lookups that rarely change (custom field definitions, the sub-account).
 * On Zapier it is `z.cache` (shared by every run of the connection); where `z.cache` cannot work
 * (local runs, `createAppTester`, `zapier-platform invoke`) it falls back to memory in this process.
 */
import type { ZObject } from 'zapier-platform-core';

interface Entry {
  value: unknown;
  expiresAt: number;
}

const memory = new Map<string, Entry>();

/** For tests: forget everything cached in this process. */
export const clearLocalCache = (): void => memory.clear();

/** Zapier's cache scopes: `auth` keeps an entry to one connection (zapier-platform-core create-cache.js). */
export type CacheScope = ('user' | 'auth')[];

const readZapierCache = async (
  z: ZObject,
  key: string,
  scope?: CacheScope,
): Promise<{ hit: boolean; value?: unknown }> => {
  try {
    // core's `get(key, scope)` takes the scope at run time (create-cache.js); its typings omit it.
    const cache = z.cache as unknown as { get: (key: string, scope?: CacheScope) => Promise<unknown> };
    const value: unknown = await (scope ? cache.get(key, scope) : cache.get(key));
    return value === null || value === undefined ? { hit: false } : { hit: true, value };
  } catch {
    const entry = memory.get(key);
    if (entry && entry.expiresAt > Date.now()) return { hit: true, value: entry.value };
    return { hit: false };
  }
};

const writeCache = async (
  z: ZObject,
  key: string,
  value: unknown,
  ttlSeconds: number,
  scope?: CacheScope,
): Promise<void> => {
  try {
    await (scope ? z.cache.set(key, value, ttlSeconds, scope) : z.cache.set(key, value, ttlSeconds));
  } catch {
    memory.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }
};

/** The cached value for `key` if there is a valid one, without ever loading it (no request). */
export const peekCached = async <T>(
  z: ZObject,
  key: string,
  parse: (value: unknown) => T | undefined,
  scope?: CacheScope,
): Promise<T | undefined> => {
  const hit = await readZapierCache(z, key, scope);
  return hit.hit ? parse(hit.value) : undefined;
};

/**
 * Returns the cached value for `key`, or loads, caches and returns it. `parse` re-validates what comes
 * back from the cache, so a stale shape from an older version is reloaded rather than trusted.
 */
export const cached = async <T>(
  z: ZObject,
  key: string,
  ttlSeconds: number,
  load: () => Promise<T>,
  parse: (value: unknown) => T | undefined,
  scope?: CacheScope,
): Promise<T> => {
  const hit = await readZapierCache(z, key, scope);
  if (hit.hit) {
    const value = parse(hit.value);
    if (value !== undefined) return value;
  }
  const value = await load();
  await writeCache(z, key, value, ttlSeconds, scope);
  return value;
};

/**
 * Claims `key` once: true the first time, false while an earlier claim lives (`z.cache`'s `nx`, which sets only
 * when the key is absent: zapier-platform-core create-cache.js). Where `z.cache` cannot work, this process's memory.
 */
export const claimOnce = async (z: ZObject, key: string, ttlSeconds: number): Promise<boolean> => {
  try {
    return (await z.cache.set(key, true, ttlSeconds, undefined, true)) !== false;
  } catch {
    const entry = memory.get(key);
    if (entry && entry.expiresAt > Date.now()) return false;
    memory.set(key, { value: true, expiresAt: Date.now() + ttlSeconds * 1000 });
    return true;
  }
};

/**
 * Gives back a claim taken with `claimOnce`, so the same key can be claimed again (a run that failed after
 * claiming, e.g. a Zap run the user replays from the Zap history). `z.cache.delete` (create-cache.js).
 */
export const releaseClaim = async (z: ZObject, key: string): Promise<void> => {
  try {
    await z.cache.delete(key);
  } catch {
    memory.delete(key);
  }
};

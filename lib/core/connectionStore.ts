/**
 * One connection's key-value store for trigger state (docs/TRIGGERS.md §1): `z.cache` with scope `['auth']`, TTLs
 * and set-if-absent, or this process's memory where Zapier's RPC is not available. Used by lib/core/triggerState.ts
 * and the task triggers' state (lib/tasks/poll.ts).
 */
import type { ZObject } from 'zapier-platform-core';

/** One connection's key-value store with TTLs and set-if-absent. */
export interface ConnectionStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** Sets only when absent; true when it did (a lock). */
  setIfAbsent(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
}

const SCOPE = ['auth'];

interface MemoryEntry {
  value: unknown;
  expiresAt: number;
}
const memory = new Map<string, MemoryEntry>();

/** For tests: forget the state kept in this process's memory (used only where z.cache is unavailable). */
export const clearLocalTriggerState = (): void => memory.clear();

const memoryStore = (namespace: string): ConnectionStore => {
  const live = (key: string) => {
    const entry = memory.get(`${namespace}\u0000${key}`);
    if (entry && entry.expiresAt > Date.now()) return entry;
    memory.delete(`${namespace}\u0000${key}`);
    return undefined;
  };
  return {
    get: async (key) => live(key)?.value ?? null,
    set: async (key, value, ttl) => {
      memory.set(`${namespace}\u0000${key}`, { value, expiresAt: Date.now() + ttl * 1000 });
    },
    setIfAbsent: async (key, value, ttl) => {
      if (live(key)) return false;
      memory.set(`${namespace}\u0000${key}`, { value, expiresAt: Date.now() + ttl * 1000 });
      return true;
    },
    delete: async (key) => {
      memory.delete(`${namespace}\u0000${key}`);
    },
  };
};

/** z.cache's runtime signature: core 19's types omit `scope` on get/delete (src/tools/create-cache.js has it). */
interface ZCache {
  get(key: string, scope?: string[] | null): Promise<unknown>;
  set(
    key: string,
    value: unknown,
    ttl?: number | null,
    scope?: string[] | null,
    nx?: boolean | null,
  ): Promise<unknown>;
  delete(key: string, scope?: string[] | null): Promise<unknown>;
}

const rpcUnavailable = (error: unknown): boolean =>
  error instanceof Error && /rpc is not available/i.test(error.message);

/**
 * The connection's store: `z.cache` with scope `['auth']` on Zapier (and in the truth simulator's platform
 * emulator); this process's memory where there is no RPC at all (`zapier-platform invoke`, plain scripts).
 */
export const connectionStore = (z: ZObject, namespace: string): ConnectionStore => {
  const cache = z.cache as unknown as ZCache;
  const fallback = memoryStore(namespace);
  const attempt = async <T>(zapier: () => Promise<T>, local: () => Promise<T>): Promise<T> => {
    try {
      return await zapier();
    } catch (error) {
      if (rpcUnavailable(error)) return local();
      throw error;
    }
  };
  return {
    get: (key) =>
      attempt(
        () => cache.get(key, SCOPE),
        () => fallback.get(key),
      ),
    set: (key, value, ttl) =>
      attempt(
        async () => {
          await cache.set(key, value, ttl, SCOPE);
        },
        () => fallback.set(key, value, ttl),
      ),
    // core's test mock answers `true` whatever `nx` says; Zapier's service and the emulator honour it.
    setIfAbsent: (key, value, ttl) =>
      attempt(
        async () => (await cache.set(key, value, ttl, SCOPE, true)) !== false,
        () => fallback.setIfAbsent(key, value, ttl),
      ),
    delete: (key) =>
      attempt(
        async () => {
          await cache.delete(key, SCOPE);
        },
        () => fallback.delete(key),
      ),
  };
};

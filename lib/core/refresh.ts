/**
 * One refresh per refresh token, however many steps ask for it (docs/CONNECTION.md §1, §2).
 *
 * HighLevel refresh tokens are single use, and Zapier runs `refreshAccessToken` once per step that hit a
 * `RefreshAuthError`, with no lock of its own. So the steps of one connection agree through `z.cache`
 * scoped to the connection (`['auth']`): the first to set the lock key (set-if-absent) refreshes and
 * publishes the new token set, encrypted, under a key derived from the refresh token it used; the others
 * wait for that and return it (Zapier merges it into their authData), so no step sends a used token.
 * Where `z.cache` cannot work (local runs) steps of this process share one refresh instead.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { PROACTIVE_REFRESH_MIN_SECONDS, PROACTIVE_REFRESH_SECONDS } from '../config';

/** What `refreshAccessToken` returns and Zapier merges into authData. */
export interface TokenSet {
  access_token: string;
  refresh_token: string;
  expires_at: number;
  locationId?: string;
}

/** Timings; mutable only so tests can shorten the waits (the app never changes them). */
export const refreshSettings = {
  /** The lock outlives the winner's refresh call (its timeout is below this) and then frees itself. */
  lockTtlSeconds: 30,
  /**
   * How long a published token set stays readable: long enough for a step that read the connection just
   * before a refresh to find the result of it. Short, because it is a copy of the connection's tokens.
   */
  resultTtlSeconds: 10 * 60,
  /**
   * How long a step that lost the race waits for the winner's result: the winner needs one token call
   * (at most TOKEN_TIMEOUT_MS, authentication.ts); the refresh runs as its own invocation of up to 30 s.
   */
  waitMs: 20_000,
  /** The first poll interval; it doubles up to maxPollMs. */
  pollMs: 150,
  maxPollMs: 1_000,
};

/** How many rotations a very stale step may follow from its refresh token to the newest one. */
const MAX_HOPS = 5;
const SCOPE = ['auth'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The cache key of a refresh token: a digest, never the token. */
export const fingerprint = (refreshToken: string): string =>
  createHash('sha256').update(`highlevel-refresh:${refreshToken}`).digest('hex').slice(0, 32);

export const lockKey = (refreshToken: string): string => `hl:refresh-lock:${fingerprint(refreshToken)}`;
export const resultKey = (refreshToken: string): string => `hl:refreshed:${fingerprint(refreshToken)}`;
/** Set by the step whose refresh HighLevel refused as dead, so the waiting steps need not wait it out. */
export const deadKey = (refreshToken: string): string => `hl:refresh-dead:${fingerprint(refreshToken)}`;

/**
 * How long before `expires_at` this step refreshes: a point in [MIN, MAX) picked from the Zap and the token
 * (the same step asks the same question the same way; another Zap, or the next token, lands elsewhere).
 * Spread like this, the first Zap to enter its window refreshes and the others read the new token before
 * they reach theirs, instead of every Zap of the connection refreshing at the same moment.
 */
export const proactiveWindowSeconds = (zapId: unknown, expiresAt: unknown): number => {
  const spread = PROACTIVE_REFRESH_SECONDS - PROACTIVE_REFRESH_MIN_SECONDS;
  const digest = createHash('sha256')
    .update(`${String(zapId ?? '')}|${String(expiresAt ?? '')}`)
    .digest();
  return PROACTIVE_REFRESH_MIN_SECONDS + (digest.readUInt32BE(0) % spread);
};

// ---- encryption of the published token set (AES-256-GCM, key derived from the app's client secret) ----

interface Sealed {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

const keyFrom = (secret: string): Buffer =>
  createHash('sha256').update(`highlevel-zcache-tokens:${secret}`).digest();

export const seal = (value: TokenSet, secret: string): Sealed => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    v: 1,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
};

const isTokenSet = (value: unknown): value is TokenSet => {
  if (typeof value !== 'object' || value === null) return false;
  const set = value as Record<string, unknown>;
  return (
    typeof set.access_token === 'string' &&
    typeof set.refresh_token === 'string' &&
    typeof set.expires_at === 'number' &&
    (set.locationId === undefined || typeof set.locationId === 'string')
  );
};

/** The token set, or undefined for anything that does not decrypt (other secret, tampering, old shape). */
export const unseal = (value: unknown, secret: string): TokenSet | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const sealed = value as Partial<Sealed>;
  if (sealed.v !== 1 || !sealed.iv || !sealed.tag || !sealed.data) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    const parsed: unknown = JSON.parse(text.toString('utf8'));
    return isTokenSet(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

// ---- the connection's z.cache, or nothing ----

/**
 * z.cache as core 19 implements it (src/tools/create-cache.js): get and delete take the scope too, which
 * its type declarations leave out.
 */
interface ScopedCache {
  get(key: string, scope: string[]): Promise<unknown>;
  set(key: string, value: unknown, ttl: number, scope: string[], nx?: boolean): Promise<boolean | null>;
  delete(key: string, scope: string[]): Promise<boolean>;
}

/** z.cache throws "rpc is not available" outside Zapier; any failure means "no shared state". */
class SharedState {
  available = true;
  private readonly cache: ScopedCache;
  constructor(z: ZObject) {
    this.cache = z.cache as unknown as ScopedCache;
  }

  async get(key: string): Promise<unknown> {
    try {
      return await this.cache.get(key, SCOPE);
    } catch {
      this.available = false;
      return null;
    }
  }

  /** True when this call set the key (it was absent). */
  async setIfAbsent(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
    try {
      return (await this.cache.set(key, value, ttlSeconds, SCOPE, true)) === true;
    } catch {
      this.available = false;
      return false;
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    try {
      await this.cache.set(key, value, ttlSeconds, SCOPE);
    } catch {
      this.available = false;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.cache.delete(key, SCOPE);
    } catch {
      this.available = false;
    }
  }
}

/** The newest token set published for `refreshToken`, following later rotations (a very stale step). */
const published = async (
  state: SharedState,
  refreshToken: string,
  secret: string,
): Promise<TokenSet | undefined> => {
  let found: TokenSet | undefined;
  let token = refreshToken;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const next = unseal(await state.get(resultKey(token)), secret);
    if (!next) break;
    found = next;
    token = next.refresh_token;
  }
  return found;
};

// ---- local runs: one refresh per token in this process ----

const localRefreshes = new Map<string, Promise<TokenSet>>();
const localResults = new Map<string, { value: TokenSet; expiresAt: number }>();

/** For tests: forget the refreshes of this process. */
export const clearLocalRefreshes = (): void => {
  localRefreshes.clear();
  localResults.clear();
};

const localRefresh = async (refreshToken: string, refresh: () => Promise<TokenSet>): Promise<TokenSet> => {
  const key = fingerprint(refreshToken);
  const done = localResults.get(key);
  if (done && done.expiresAt > Date.now()) return done.value;
  const running = localRefreshes.get(key);
  if (running) return running;
  const started = refresh().then(
    (value) => {
      localResults.set(key, { value, expiresAt: Date.now() + refreshSettings.resultTtlSeconds * 1000 });
      localRefreshes.delete(key);
      return value;
    },
    (error: unknown) => {
      localRefreshes.delete(key);
      throw error;
    },
  );
  localRefreshes.set(key, started);
  return started;
};

export interface RefreshOptions {
  /** Used for the key of the encryption of the published result (the app's client secret). */
  secret: string;
  /** Sends the refresh token to HighLevel; the only place a refresh token is spent. */
  refresh: () => Promise<TokenSet>;
  /** True for the error of a dead refresh token (invalid_grant): look for another step's result first. */
  isDeadToken: (error: unknown) => boolean;
  /** Waited this long without a result: a temporary error that does not ask for a reconnect. */
  busyError: () => Error;
  /** The winner found the refresh token dead: the same error it got (ExpiredAuthError). */
  deadError: () => Error;
}

/**
 * The token set that follows `refreshToken`: one another step already got, or one this step gets while
 * holding the connection's refresh lock.
 */
export const refreshOnce = async (
  z: ZObject,
  refreshToken: string,
  options: RefreshOptions,
): Promise<TokenSet> => {
  const state = new SharedState(z);
  const { secret } = options;
  const already = await published(state, refreshToken, secret);
  if (already) return already;
  if (!state.available) return localRefresh(refreshToken, options.refresh);

  const lock = lockKey(refreshToken);
  const asWinner = async (): Promise<TokenSet> => {
    let result: TokenSet;
    try {
      result = await options.refresh();
    } catch (error) {
      if (options.isDeadToken(error)) {
        // Spent by a step that published its result after we looked (or whose lock had expired).
        const other = await published(state, refreshToken, secret);
        if (other) return other;
        await state.set(deadKey(refreshToken), true, refreshSettings.lockTtlSeconds);
      } else {
        // A temporary failure: free the lock so the next step can try at once.
        await state.delete(lock);
      }
      throw error;
    }
    const sealed = seal(result, secret);
    await state.set(resultKey(refreshToken), sealed, refreshSettings.resultTtlSeconds);
    return result;
  };

  if (await state.setIfAbsent(lock, { at: Date.now() }, refreshSettings.lockTtlSeconds)) return asWinner();
  if (!state.available) return localRefresh(refreshToken, options.refresh);

  // Poll gently (the interval grows): one read per poll for the result, the rarer checks every few polls.
  const waitUntil = Date.now() + refreshSettings.waitMs;
  for (let poll = 0; Date.now() < waitUntil; poll += 1) {
    await sleep(Math.min(refreshSettings.pollMs * 2 ** Math.min(poll, 3), refreshSettings.maxPollMs));
    const result = await published(state, refreshToken, secret);
    if (result) return result;
    if (poll % 3 !== 2) continue;
    if ((await state.get(deadKey(refreshToken))) === true) throw options.deadError();
    // The winner gave up (temporary failure) or its lock expired: take over.
    if (
      (await state.get(lock)) === null &&
      (await state.setIfAbsent(lock, { at: Date.now() }, refreshSettings.lockTtlSeconds))
    )
      return asWinner();
  }
  throw options.busyError();
};

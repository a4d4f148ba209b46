/**
 * `POST /v1/subscriptions` and `DELETE /v1/subscriptions/:id` (docs/RELAY_CONTRACT.md §2–§3), and the signed
 * `POST /v1/admin/replay`. Every call is signed with the app secret; a create also proves, once, with the user's
 * access token that the connection can read the sub-account.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { REPLAY_WINDOW_MS, checkAppSignature } from './appAuth';
import type { RelayConfig } from './config';
import { checkLocationToken } from './highlevel';
import type { Answer } from './ingest';
import type { Logger } from './log';
import { TRIGGERS } from './routing';
import type { Store } from './store/store';

export const MAX_SUBSCRIPTION_BODY = 16 * 1024;

export interface SubscriptionDeps {
  store: Store;
  config: RelayConfig;
  log: Logger;
  wake: () => void;
}

export interface SignedRequest {
  method: string;
  path: string;
  raw: Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  authorization: string | undefined;
  now: number;
}

const refuse = (status: number, error: string): Answer => ({ status, body: { error } });

/** §2: the app secret's signature, then replay protection. Undefined when the request may go on. */
const authenticate = async (deps: SubscriptionDeps, request: SignedRequest): Promise<Answer | undefined> => {
  const result = checkAppSignature(
    deps.config.secret,
    { timestamp: request.timestamp, signature: request.signature },
    request.method,
    request.path,
    request.raw,
    request.now,
  );
  if (!result.ok) return refuse(401, result.error);
  const fresh = await deps.store.acceptSignature(
    result.signature,
    request.now,
    request.now + REPLAY_WINDOW_MS,
  );
  if (!fresh) return refuse(401, 'The request signature was already used.');
  return undefined;
};

const createSchema = z.object({
  locationId: z.string({ error: 'locationId is required.' }).regex(/^[A-Za-z0-9_-]{1,64}$/, {
    error: 'locationId is not a HighLevel sub-account id.',
  }),
  trigger: z.string({ error: 'trigger is required.' }),
  targetUrl: z.string({ error: 'targetUrl is required.' }).max(2048, { error: 'targetUrl is too long.' }),
  filters: z
    .record(z.string(), z.string({ error: 'Every filter value must be a string.' }).max(500))
    .optional(),
  zapId: z.union([z.string().max(100), z.number()]).optional(),
});

/** The target allowlist (§3): https on an allowed host, or http://127.0.0.1:<port> when loopback is allowed. */
export const targetProblem = (config: RelayConfig, targetUrl: string): string | undefined => {
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    return 'targetUrl is not a URL.';
  }
  if (url.username || url.password) return 'targetUrl must not hold credentials.';
  if (config.allowLoopbackTargets && url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port) {
    return undefined;
  }
  if (url.protocol !== 'https:') return 'targetUrl must be an https URL.';
  if (!config.allowTargetHosts.includes(url.hostname.toLowerCase()) || (url.port && url.port !== '443')) {
    return `targetUrl must be on ${config.allowTargetHosts.join(' or ')}.`;
  }
  return undefined;
};

/** A signed JSON body of the app (§2), size-checked, authenticated and parsed, or the refusal to answer. */
const readSignedBody = async <T>(
  deps: SubscriptionDeps,
  request: SignedRequest,
  schema: z.ZodType<T>,
): Promise<{ body: T } | { answer: Answer }> => {
  if (request.raw.length > MAX_SUBSCRIPTION_BODY) {
    return { answer: refuse(400, 'The request body is over 16 KiB.') };
  }
  const denied = await authenticate(deps, request);
  if (denied) return { answer: denied };
  let json: unknown;
  try {
    json = JSON.parse(request.raw.toString('utf8'));
  } catch {
    return { answer: refuse(400, 'The request body is not JSON.') };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { answer: refuse(400, parsed.error.issues[0]?.message ?? 'The request body is not valid.') };
  }
  return { body: parsed.data };
};

export const createSubscription = async (deps: SubscriptionDeps, request: SignedRequest): Promise<Answer> => {
  const read = await readSignedBody(deps, request, createSchema);
  if ('answer' in read) return read.answer;
  const body = read.body;
  const spec = TRIGGERS[body.trigger];
  if (!spec) return refuse(400, `Unknown trigger "${body.trigger.slice(0, 40)}".`);
  const filters = body.filters ?? {};
  for (const key of Object.keys(filters)) {
    if (!spec.filters.includes(key))
      return refuse(400, `The trigger ${body.trigger} has no filter "${key.slice(0, 40)}".`);
  }
  const cleaned = Object.fromEntries(Object.entries(filters).filter(([, value]) => value.trim() !== ''));
  const problem = targetProblem(deps.config, body.targetUrl);
  if (problem) return refuse(400, problem);
  const token = /^Bearer\s+(\S+)$/i.exec(request.authorization ?? '')?.[1];
  if (!token) return refuse(403, 'The connection cannot read this sub-account.');

  const check = await checkLocationToken(deps.config.highlevelApiUrl, body.locationId, token);
  if (check === 'unavailable')
    return refuse(502, 'HighLevel could not be reached to check the connection; try again.');
  if (check === 'refused') return refuse(403, 'The connection cannot read this sub-account.');

  const id = `sub_${randomBytes(15).toString('base64url')}`;
  const createdAt = request.now;
  await deps.store.createSubscription({
    id,
    locationId: body.locationId,
    trigger: body.trigger,
    filters: cleaned,
    targetUrl: body.targetUrl,
    zapId: body.zapId === undefined ? undefined : String(body.zapId),
    createdAt,
  });
  deps.log.info('subscription created', {
    subscriptionId: id,
    locationId: body.locationId,
    trigger: body.trigger,
    zapId: body.zapId === undefined ? undefined : String(body.zapId),
  });
  return {
    status: 201,
    body: {
      id,
      trigger: body.trigger,
      locationId: body.locationId,
      createdAt: new Date(createdAt).toISOString(),
    },
  };
};

export const deleteSubscription = async (
  deps: SubscriptionDeps,
  request: SignedRequest,
  id: string,
): Promise<Answer> => {
  const denied = await authenticate(deps, request);
  if (denied) return denied;
  const ended = await deps.store.endSubscription(id, 'deleted', request.now);
  if (!ended) return refuse(404, 'There is no active subscription with this id.');
  deps.log.info('subscription deleted', { subscriptionId: id });
  return { status: 200, body: { id, status: 'deleted' } };
};

const replaySchema = z.object({
  dead: z.literal(true, { error: 'Only dead deliveries can be replayed: send {"dead": true}.' }),
  subscriptionId: z.string().max(100).optional(),
  since: z.iso.datetime({ offset: true, error: 'since must be an ISO date-time.' }).optional(),
});

/** `POST /v1/admin/replay` `{"dead":true,"subscriptionId"?,"since"?}`: re-arms dead letters. */
export const replay = async (deps: SubscriptionDeps, request: SignedRequest): Promise<Answer> => {
  const read = await readSignedBody(deps, request, replaySchema);
  if ('answer' in read) return read.answer;
  const { subscriptionId, since } = read.body;
  const replayed = await deps.store.replayDead(
    {
      subscriptionId,
      since: since ? Date.parse(since) : undefined,
    },
    request.now,
  );
  deps.log.info('dead letters replayed', { replayed });
  if (replayed > 0) deps.wake();
  return { status: 200, body: { replayed } };
};

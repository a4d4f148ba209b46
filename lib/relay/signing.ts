/**
 * The app's signature on every call to the relay (docs/RELAY_CONTRACT.md §2): `X-Relay-Timestamp` (Unix seconds)
 * and `X-Relay-Signature` = `v1=` + hex HMAC-SHA256(secret, `<timestamp>.<METHOD>.<path with query>.<raw body>`).
 */
import { createHmac } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Relay-Timestamp';
export const SIGNATURE_HEADER = 'X-Relay-Signature';

export interface SignedParts {
  timestamp: number;
  method: string;
  /** The request path with its query string, e.g. `/v1/subscriptions/sub_123`. */
  path: string;
  /** The exact bytes sent (empty for DELETE). */
  body: string;
}

/** The `v1=<hex>` signature of one request. */
export const relaySignature = (secret: string, parts: SignedParts): string =>
  `v1=${createHmac('sha256', secret)
    .update(`${parts.timestamp}.${parts.method.toUpperCase()}.${parts.path}.${parts.body}`)
    .digest('hex')}`;

/** The two headers of §2 for a request signed now (or at `nowMs`). */
export const signedHeaders = (
  secret: string,
  request: Omit<SignedParts, 'timestamp'>,
  nowMs: number = Date.now(),
): Record<string, string> => {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: relaySignature(secret, { ...request, timestamp }),
  };
};

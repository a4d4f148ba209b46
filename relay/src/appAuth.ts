/**
 * The app secret's signature on app → relay calls (docs/RELAY_CONTRACT.md §2): `v1=` + hex HMAC-SHA256 of
 * `<timestamp>.<METHOD>.<path>.<raw body>`, a timestamp within 300 s, each signature accepted once (600 s).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CLOCK_SKEW_S = 300;
export const REPLAY_WINDOW_MS = 600_000;

export const signRequest = (
  secret: string,
  timestamp: number,
  method: string,
  path: string,
  body: Buffer | string,
): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${method.toUpperCase()}.${path}.`).update(body).digest('hex')}`;

export type AppAuthResult = { ok: true; signature: string } | { ok: false; error: string };

export const checkAppSignature = (
  secret: string,
  headers: { timestamp?: string; signature?: string },
  method: string,
  path: string,
  body: Buffer,
  nowMs: number,
): AppAuthResult => {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, error: 'The request is not signed.' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, error: 'The request timestamp is not valid.' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > CLOCK_SKEW_S) {
    return { ok: false, error: "The request timestamp is too far from the relay's clock." };
  }
  const expected = Buffer.from(signRequest(secret, Number(timestamp), method, path, body));
  const given = Buffer.from(signature.trim());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, error: 'The request signature is not valid.' };
  }
  return { ok: true, signature: given.toString() };
};

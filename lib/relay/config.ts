/**
 * Where the relay lives (docs/RELAY_CONTRACT.md §1): `RELAY_URL` (https, or plain http to this machine only, with
 * the same guard as HIGHLEVEL_API_URL) and `RELAY_SECRET` (the shared app secret, at least 32 bytes), both Zapier
 * environment variables set with `zapier env:set`. Neither value ever appears in a message or a log.
 */
import type { ZObject } from 'zapier-platform-core';
import { checkedBaseUrl } from '../config';
import { userError } from '../core/errors';

/** docs/RELAY_CONTRACT.md §1: the shared secret is at least 32 bytes. */
export const MIN_SECRET_BYTES = 32;

export interface RelayConfig {
  /** Base URL without a trailing slash. */
  url: string;
  secret: string;
}

/**
 * Whether the app is built with instant triggers: decided once, when the app definition is required
 * (triggers/index.ts). An empty RELAY_URL counts as unset.
 */
export const instantTriggersEnabled = (): boolean => (process.env.RELAY_URL ?? '').trim() !== '';

/** The relay's URL and secret, or a plain error naming what is wrong (never the values themselves). */
export const relayConfig = (z: ZObject): RelayConfig => {
  const rawUrl = (process.env.RELAY_URL ?? '').trim();
  const secret = process.env.RELAY_SECRET ?? '';
  const broken = (what: string) =>
    userError(
      z,
      `Instant triggers are not set up correctly in this integration: ${what}. Please contact the integration's support.`,
      'http_error',
    );
  if (rawUrl === '') throw broken('RELAY_URL is not set');
  let url: string;
  try {
    url = checkedBaseUrl(rawUrl, 'RELAY_URL');
  } catch (error) {
    throw broken((error as Error).message.replace(/\.$/, ''));
  }
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw broken(`RELAY_SECRET is missing or shorter than ${MIN_SECRET_BYTES} bytes`);
  }
  return { url, secret };
};

/**
 * Signers for the two kinds of request the relay authenticates:
 * - HighLevel's webhooks: `X-GHL-Signature` = base64 Ed25519 signature of the raw body, and the legacy
 *   `X-WH-Signature` = base64 RSA-SHA256 signature of the raw body (docs/RELAY_CONTRACT.md §6). Tests generate their
 *   own key pairs and start the relay with the public halves, standing in for HighLevel's published key.
 * - The app's calls: `X-Relay-Timestamp` + `X-Relay-Signature: v1=<hex HMAC-SHA256(secret, "<ts>.<METHOD>.<path>.<body>")>`
 *   (docs/RELAY_CONTRACT.md §2).
 */
import { createHmac, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

export type HighLevelSigner = {
  /** SPKI PEM of the Ed25519 key: what `--highlevel-public-key` takes. */
  publicKeyPem: string;
  /** SPKI PEM of the RSA key: what `--highlevel-rsa-public-key` takes. */
  rsaPublicKeyPem: string;
  /** base64 Ed25519 signature of exactly these bytes. */
  sign(raw: Buffer | string): string;
  /** base64 RSA-SHA256 (PKCS#1 v1.5) signature of exactly these bytes. */
  signRsa(raw: Buffer | string): string;
  /** The headers HighLevel sends today (Ed25519 only). */
  headers(raw: Buffer | string): Record<string, string>;
};

const bytes = (raw: Buffer | string): Buffer => (typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw);

export function createHighLevelSigner(): HighLevelSigner {
  const ed = generateKeyPairSync('ed25519');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
  const signEd = (raw: Buffer | string): string => sign(null, bytes(raw), ed.privateKey).toString('base64');
  return {
    publicKeyPem: pem(ed.publicKey),
    rsaPublicKeyPem: pem(rsa.publicKey),
    sign: signEd,
    signRsa: (raw) => sign('sha256', bytes(raw), rsa.privateKey).toString('base64'),
    headers: (raw) => ({ 'content-type': 'application/json', 'x-ghl-signature': signEd(raw) }),
  };
}

/** A random app secret (64 hex characters ≥ the relay's 32-character minimum). Pass it by env, never argv. */
export const randomSecret = (): string => randomBytes(32).toString('hex');

/** §2's headers for one app → relay request. `timestamp` in whole Unix seconds (default: now). */
export function appSignatureHeaders(
  secret: string,
  method: string,
  path: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret)
    .update(`${timestamp}.${method.toUpperCase()}.${path}.${body}`)
    .digest('hex');
  return { 'x-relay-timestamp': String(timestamp), 'x-relay-signature': `v1=${signature}` };
}

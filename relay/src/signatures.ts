/**
 * Verifying HighLevel's webhook signatures (docs/RELAY.md §1, docs/RELAY_CONTRACT.md §6). Ed25519 over the raw
 * body bytes, base64 in `X-GHL-Signature`; legacy RSA-SHA256 in `X-WH-Signature` only when enabled. HighLevel's
 * own SDK verifies the re-serialised JSON instead of the raw bytes, so a body whose raw bytes fail is tried once
 * more as `JSON.stringify(parsed)` — still HighLevel's signature over the same content. Fails closed.
 */
import { createPublicKey, createVerify, verify, type KeyObject } from 'node:crypto';

export type SignatureScheme = 'ed25519' | 'rsa';

export interface Verifier {
  /** The scheme that verified the body, or undefined when nothing did. */
  check(headers: { ghl?: string; wh?: string }, raw: Buffer, parsed: unknown): SignatureScheme | undefined;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const decode = (signature: string | undefined): Buffer | undefined => {
  const text = signature?.trim();
  if (!text || !BASE64.test(text)) return undefined;
  return Buffer.from(text, 'base64');
};

const bodies = (raw: Buffer, parsed: unknown): Buffer[] => {
  const list = [raw];
  if (parsed !== undefined) {
    const again = Buffer.from(JSON.stringify(parsed), 'utf8');
    if (!again.equals(raw)) list.push(again);
  }
  return list;
};

export const verifyEd25519 = (
  key: KeyObject,
  raw: Buffer,
  parsed: unknown,
  signature: string | undefined,
) => {
  const bytes = decode(signature);
  if (!bytes || bytes.length !== 64) return false;
  return bodies(raw, parsed).some((body) => {
    try {
      return verify(null, body, key, bytes);
    } catch {
      return false;
    }
  });
};

export const verifyRsa = (key: KeyObject, raw: Buffer, parsed: unknown, signature: string | undefined) => {
  const bytes = decode(signature);
  if (!bytes) return false;
  return bodies(raw, parsed).some((body) => {
    try {
      return createVerify('SHA256').update(body).verify(key, bytes);
    } catch {
      return false;
    }
  });
};

export const createVerifier = (ed25519Pem: string, rsaPem: string | undefined): Verifier => {
  const ed25519 = createPublicKey(ed25519Pem);
  if (ed25519.asymmetricKeyType !== 'ed25519')
    throw new Error('The HighLevel public key is not an Ed25519 key.');
  const rsa = rsaPem ? createPublicKey(rsaPem) : undefined;
  return {
    check(headers, raw, parsed) {
      // X-GHL-Signature is HighLevel's current scheme: when present, it alone decides.
      if (headers.ghl !== undefined)
        return verifyEd25519(ed25519, raw, parsed, headers.ghl) ? 'ed25519' : undefined;
      if (rsa && headers.wh !== undefined) return verifyRsa(rsa, raw, parsed, headers.wh) ? 'rsa' : undefined;
      return undefined;
    },
  };
};

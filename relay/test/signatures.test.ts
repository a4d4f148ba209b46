/** Webhook signatures (contract §6): Ed25519 over the raw bytes, legacy RSA only when enabled; fails closed. */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { HIGHLEVEL_ED25519_PUBLIC_KEY } from '../src/keys';
import { createVerifier } from '../src/signatures';
import { ed25519, rsa, signEd25519, signRsa } from './support/kit';

const raw = '{"type":"ContactCreate","locationId":"loc",  "id":"c1"}';
const parsed: unknown = JSON.parse(raw);
const bytes = Buffer.from(raw);

describe('signatures', () => {
  it("HighLevel's published key parses as an Ed25519 public key", () => {
    expect(createPublicKey(HIGHLEVEL_ED25519_PUBLIC_KEY).asymmetricKeyType).toBe('ed25519');
    expect(() => createVerifier(HIGHLEVEL_ED25519_PUBLIC_KEY, undefined)).not.toThrow();
  });

  it('accepts Ed25519 over the raw bytes, and over the re-serialised JSON as HighLevel signs it', () => {
    const verifier = createVerifier(ed25519.publicKey, undefined);
    expect(verifier.check({ ghl: signEd25519(raw) }, bytes, parsed)).toBe('ed25519');
    expect(verifier.check({ ghl: signEd25519(JSON.stringify(parsed)) }, bytes, parsed)).toBe('ed25519');
  });

  it('refuses tampered bodies, a wrong key, garbage and a missing signature', () => {
    const verifier = createVerifier(ed25519.publicKey, undefined);
    const tampered = Buffer.from(raw.replace('c1', 'c2'));
    expect(
      verifier.check({ ghl: signEd25519(raw) }, tampered, JSON.parse(tampered.toString())),
    ).toBeUndefined();
    const other = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(verifier.check({ ghl: signEd25519(raw, other) }, bytes, parsed)).toBeUndefined();
    for (const ghl of ['', '!!!', 'AAAA', Buffer.alloc(64).toString('base64')]) {
      expect(verifier.check({ ghl }, bytes, parsed)).toBeUndefined();
    }
    expect(verifier.check({}, bytes, parsed)).toBeUndefined();
  });

  it('uses the legacy RSA signature only when enabled, and never when X-GHL-Signature is present', () => {
    const wh = signRsa(raw);
    expect(createVerifier(ed25519.publicKey, undefined).check({ wh }, bytes, parsed)).toBeUndefined();
    const legacy = createVerifier(ed25519.publicKey, rsa.publicKey);
    expect(legacy.check({ wh }, bytes, parsed)).toBe('rsa');
    expect(legacy.check({ wh: signRsa(raw + ' ') }, bytes, parsed)).toBeUndefined();
    expect(legacy.check({ ghl: 'bad', wh }, bytes, parsed)).toBeUndefined();
  });

  it('refuses a non-Ed25519 key as the HighLevel key', () => {
    expect(() => createVerifier(rsa.publicKey, undefined)).toThrow('not an Ed25519 key');
  });
});

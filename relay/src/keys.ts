/**
 * HighLevel's published Ed25519 public key for `X-GHL-Signature` (SPKI, PEM), as printed in HighLevel's webhook
 * integration guide, https://marketplace.gohighlevel.com/docs/webhook/WebhookIntegrationGuide (docs/RELAY.md §1).
 * HighLevel announces a rotation by email; `--highlevel-public-key` replaces it without a release.
 */
export const HIGHLEVEL_ED25519_PUBLIC_KEY = [
  '-----BEGIN PUBLIC KEY-----',
  'MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=',
  '-----END PUBLIC KEY-----',
  '',
].join('\n');

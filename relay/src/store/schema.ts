/**
 * The tables, as numbered migrations run on start (store.ts `migrate`), in the one dialect both SQLite and
 * PostgreSQL read. Times are BIGINT Unix milliseconds; JSON is TEXT. Never edit a released migration: add one.
 */
export interface Migration {
  version: number;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE installs (location_id TEXT PRIMARY KEY, company_id TEXT, status TEXT NOT NULL,
         installed_at BIGINT, uninstalled_at BIGINT)`,
      `CREATE TABLE subscriptions (id TEXT PRIMARY KEY, location_id TEXT NOT NULL, trigger_key TEXT NOT NULL,
         filters TEXT NOT NULL, target_url TEXT NOT NULL, zap_id TEXT, status TEXT NOT NULL,
         created_at BIGINT NOT NULL, ended_at BIGINT)`,
      `CREATE INDEX subscriptions_active ON subscriptions (location_id) WHERE status = 'active'`,
      `CREATE INDEX subscriptions_target ON subscriptions (target_url) WHERE status = 'active'`,
      `CREATE TABLE inbound_events (webhook_id TEXT PRIMARY KEY, location_id TEXT NOT NULL, type TEXT NOT NULL,
         ghl_timestamp TEXT, received_at BIGINT NOT NULL, sig_scheme TEXT NOT NULL, body TEXT NOT NULL)`,
      `CREATE INDEX inbound_events_received ON inbound_events (received_at)`,
      `CREATE INDEX inbound_events_location ON inbound_events (location_id)`,
      `CREATE TABLE deliveries (id TEXT PRIMARY KEY, webhook_id TEXT NOT NULL, subscription_id TEXT NOT NULL,
         discriminator TEXT NOT NULL, location_id TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL,
         attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL, lease_until BIGINT, claim_id TEXT,
         last_status INTEGER, last_error TEXT, created_at BIGINT NOT NULL, done_at BIGINT,
         UNIQUE (webhook_id, subscription_id, discriminator))`,
      `CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending'`,
      `CREATE INDEX deliveries_lease ON deliveries (lease_until) WHERE status = 'inflight'`,
      `CREATE INDEX deliveries_claim ON deliveries (claim_id)`,
      `CREATE INDEX deliveries_subscription ON deliveries (subscription_id, status)`,
      `CREATE INDEX deliveries_location ON deliveries (location_id)`,
      `CREATE INDEX deliveries_created ON deliveries (created_at)`,
      `CREATE TABLE contact_state (location_id TEXT NOT NULL, contact_id TEXT NOT NULL, tags TEXT,
         digests TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (location_id, contact_id))`,
      `CREATE TABLE accepted_signatures (signature TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)`,
    ],
  },
  {
    // A contact's time-ordered snapshots (contactState.ts, docs/RELAY_CONTRACT.md §5).
    version: 2,
    statements: ['ALTER TABLE contact_state ADD COLUMN history TEXT'],
  },
  {
    // When the latest INSTALL or UNINSTALL of a sub-account happened (HighLevel's timestamp, else its receipt
    // time): an older one is ignored (store.ts `recordInstallEvent`, relay/README.md "Old and replayed webhooks").
    version: 3,
    statements: [
      'ALTER TABLE installs ADD COLUMN event_at BIGINT',
      'UPDATE installs SET event_at = COALESCE(uninstalled_at, installed_at)',
    ],
  },
  {
    // The janitor deletes contact states untouched for --contact-state-days (store.ts `prune`).
    version: 4,
    statements: ['CREATE INDEX contact_state_updated ON contact_state (updated_at)'],
  },
];

/**
 * The relay's one store interface, written once over either database adapter (db.ts). Every method is one
 * transaction. Times are Unix milliseconds.
 */
import { randomUUID } from 'node:crypto';
import { planFor } from '../plan';
import { decodeState, encodeState, type ContactState } from '../contactState';
import type { EventBody, Subscription } from '../routing';
import { PostgresDb, SqliteDb, type Db, type Param, type Tx } from './db';
import { MIGRATIONS } from './schema';
import { openThreadedStore } from './threaded';

export interface SubscriptionRecord extends Subscription {
  locationId: string;
  targetUrl: string;
  zapId: string | undefined;
  createdAt: number;
}

export interface InboundEvent {
  webhookId: string;
  locationId: string;
  type: string;
  timestamp: string | undefined;
  receivedAt: number;
  scheme: string;
  /** The webhook's body as received; `body` is always its parse (the SQLite worker parses `raw` again). */
  raw: string;
  body: EventBody;
}

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  discriminator: string;
  /** The delivery body without `event` (the dispatcher splices the stored event in). */
  envelope: string;
}

/** Called inside the ingest transaction with what the store read; answers what to write. */
export type Planner = (
  subscriptions: Subscription[],
  prior: ContactState | undefined,
) => { deliveries: NewDelivery[]; next: ContactState | undefined; contactId: string | undefined };

export interface IngestOutcome {
  status: 'accepted' | 'duplicate' | 'ignored';
  deliveries: number;
}

export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  targetUrl: string;
  attempts: number;
  createdAt: number;
  body: string;
}

export type Completion =
  | { kind: 'done'; status: number }
  | { kind: 'retry'; at: number; status: number | null; error: string; counted: boolean }
  | { kind: 'dead'; status: number | null; error: string }
  | { kind: 'gone'; status: number };

/** One delivery's outcome, as the dispatcher records it. */
export interface CompletionRecord {
  id: string;
  claimId: string;
  completion: Completion;
  now: number;
}

export interface QueueDepth {
  pending: number;
  inflight: number;
  dead: number;
}

/** How long each kind of row is kept (janitor.ts). */
export interface PrunePolicy {
  /** Events, undone deliveries and dead letters, ended subscriptions: `--retention-days`. */
  retentionMs: number;
  /** Done and cancelled deliveries. */
  doneKeepMs: number;
  /** A contact's state no event touched for this long: `--contact-state-days`. */
  contactStateMs: number;
  /**
   * A sub-account's contact states once it has had no active subscription for this long (a Zap turned off and on
   * again keeps them). At most `retentionMs`: the ended subscriptions it is read from are kept that long.
   */
  unsubscribedMs: number;
}

export interface ReplayFilter {
  subscriptionId?: string;
  since?: number;
}

/** What one claim asks for: up to `limit` due deliveries, at most `perTarget` per subscription, none of `exclude`. */
export interface ClaimOptions {
  limit: number;
  now: number;
  leaseMs: number;
  perTarget: number;
  exclude: readonly string[];
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  ping(): Promise<void>;
  createSubscription(subscription: SubscriptionRecord): Promise<void>;
  /** Ends an active subscription and cancels its pending deliveries; false when there is no such subscription. */
  endSubscription(id: string, status: 'deleted' | 'gone', now: number): Promise<boolean>;
  /**
   * Records an INSTALL at `at` (HighLevel's timestamp, else its receipt time); false when the sub-account's record
   * is as new or newer (nothing written).
   */
  recordInstall(
    locationId: string | undefined,
    companyId: string | undefined,
    at: number,
    now: number,
  ): Promise<boolean>;
  /**
   * An UNINSTALL at `at`: ends the sub-account's subscriptions and deletes what is stored for it (its events keep
   * their webhookId only) — unless its record is as new or newer (`applied: false`, nothing changed).
   */
  uninstall(locationId: string, at: number, now: number): Promise<{ applied: boolean; ended: number }>;
  /** One transaction: the event once, its deliveries (plan.ts), the contact's state. */
  ingest(event: InboundEvent, contactId: string | undefined): Promise<IngestOutcome>;
  /** Remembers an accepted app signature until `expiresAt`; false when it was already accepted (a replay). */
  acceptSignature(signature: string, now: number, expiresAt: number): Promise<boolean>;
  claim(options: ClaimOptions): Promise<{ claimId: string; deliveries: ClaimedDelivery[] }>;
  /** Gives a claimed delivery back untouched (not counted as an attempt). */
  release(id: string, claimId: string): Promise<void>;
  complete(id: string, claimId: string, completion: Completion, now: number): Promise<void>;
  /** Many outcomes in one transaction (the dispatcher records what finished meanwhile at once). */
  completeMany(records: readonly CompletionRecord[]): Promise<void>;
  /** The earliest time something becomes claimable, if anything will. */
  nextDueAt(): Promise<number | undefined>;
  queueDepth(): Promise<QueueDepth>;
  replayDead(filter: ReplayFilter, now: number): Promise<number>;
  /** Deletes what is past its keeping (relay/README.md "What it stores"). */
  prune(now: number, policy: PrunePolicy): Promise<void>;
  /** Only for a fresh start of the single process that owns an SQLite file: frees its earlier leases at once. */
  recoverOwnLeases(now: number): Promise<number>;
  listen(listener: () => void): Promise<() => Promise<void>>;
  /** Test and support view of a delivery's row. */
  delivery(id: string): Promise<Record<string, unknown> | undefined>;
  /** Test and support view of a received event's row (its body is empty when no subscription took it). */
  inboundEvent(webhookId: string): Promise<Record<string, unknown> | undefined>;
  /** Test and support view of a contact's kept history (tags and field digests, never values). */
  contactState(locationId: string, contactId: string): Promise<ContactState | undefined>;
  count(
    table: 'installs' | 'subscriptions' | 'inbound_events' | 'deliveries' | 'contact_state',
  ): Promise<number>;
  close(): Promise<void>;
}

/** The dispatcher's bookkeeping need not wait for the disk (db.ts `tx`): a lost outcome means a resend, same id. */
const NOT_DURABLE = { durable: false };

/** The most deliveries one "done" statement marks (store.ts `completeMany`). */
const DONE_CHUNK = 64;

/** The stored body of an event no subscription took: the row only remembers its webhookId. */
const NO_BODY = '';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

class SqlStore implements Store {
  readonly kind: 'sqlite' | 'postgres';

  constructor(private readonly db: Db) {
    this.kind = db.kind;
  }

  async migrate(): Promise<void> {
    await this.db.tx(async (tx) => {
      await this.db.lockForMigration(tx);
      await tx.run(
        'CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
      );
      const done = new Set(
        (await tx.all<{ version: number }>('SELECT version FROM migrations')).map((row) =>
          Number(row.version),
        ),
      );
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        for (const statement of migration.statements) await tx.run(statement);
        await tx.run('INSERT INTO migrations (version, applied_at) VALUES (?, ?)', [
          migration.version,
          Date.now(),
        ]);
      }
    });
  }

  async ping(): Promise<void> {
    await this.db.all('SELECT 1 AS one');
  }

  async createSubscription(s: SubscriptionRecord): Promise<void> {
    await this.db.tx(async (tx) => {
      // One hook URL, one subscription: a Zap subscribed again replaces its earlier subscription, so the same
      // hook never gets each event twice.
      const earlier = await tx.all<{ id: string }>(
        `SELECT id FROM subscriptions WHERE target_url = ? AND status = 'active'`,
        [s.targetUrl],
      );
      for (const row of earlier) await this.end(tx, row.id, 'replaced', s.createdAt);
      await tx.run(
        `INSERT INTO subscriptions (id, location_id, trigger_key, filters, target_url, zap_id, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'active', ?)`,
        [s.id, s.locationId, s.trigger, JSON.stringify(s.filters), s.targetUrl, s.zapId ?? null, s.createdAt],
      );
    });
  }

  private async end(tx: Tx, id: string, status: string, now: number): Promise<boolean> {
    const ended = await tx.run(
      `UPDATE subscriptions SET status = ?, ended_at = ? WHERE id = ? AND status = 'active'`,
      [status, now, id],
    );
    await tx.run(
      `UPDATE deliveries SET status = 'cancelled', done_at = ?, claim_id = NULL, lease_until = NULL
       WHERE subscription_id = ? AND status IN ('pending', 'inflight', 'dead')`,
      [now, id],
    );
    return ended > 0;
  }

  endSubscription(id: string, status: 'deleted' | 'gone', now: number): Promise<boolean> {
    return this.db.tx((tx) => this.end(tx, id, status, now));
  }

  /**
   * The newer of two install records wins: the row is written only when `at` (HighLevel's timestamp of the
   * INSTALL or UNINSTALL, its receipt time when it has none) is later than the record's; answers the rows written.
   */
  private recordInstallEvent(
    tx: Tx,
    key: string,
    status: 'installed' | 'uninstalled',
    companyId: string | null,
    at: number,
    now: number,
  ): Promise<number> {
    const installed = status === 'installed';
    return tx.run(
      `INSERT INTO installs (location_id, company_id, status, installed_at, uninstalled_at, event_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (location_id) DO UPDATE SET status = excluded.status,
         company_id = COALESCE(excluded.company_id, installs.company_id),
         installed_at = COALESCE(excluded.installed_at, installs.installed_at),
         uninstalled_at = excluded.uninstalled_at, event_at = excluded.event_at
       WHERE installs.event_at IS NULL OR installs.event_at < excluded.event_at`,
      [key, companyId, status, installed ? now : null, installed ? null : now, at],
    );
  }

  async recordInstall(
    locationId: string | undefined,
    companyId: string | undefined,
    at: number,
    now: number,
  ): Promise<boolean> {
    const key = locationId ?? `company:${companyId ?? 'unknown'}`;
    const written = await this.db.tx((tx) =>
      this.recordInstallEvent(tx, key, 'installed', companyId ?? null, at, now),
    );
    return written > 0;
  }

  uninstall(locationId: string, at: number, now: number): Promise<{ applied: boolean; ended: number }> {
    return this.db.tx(async (tx) => {
      // An UNINSTALL older than the sub-account's latest INSTALL or UNINSTALL (a late retry, or a captured one
      // replayed) changes nothing.
      if ((await this.recordInstallEvent(tx, locationId, 'uninstalled', null, at, now)) === 0) {
        return { applied: false, ended: 0 };
      }
      const ended = await tx.run(`DELETE FROM subscriptions WHERE location_id = ?`, [locationId]);
      await tx.run('DELETE FROM deliveries WHERE location_id = ?', [locationId]);
      // The events' bodies go; their webhookIds stay until the retention, so that a replay of one after a
      // reinstall is still recognised as a duplicate.
      await tx.run(`UPDATE inbound_events SET body = '' WHERE location_id = ?`, [locationId]);
      await tx.run('DELETE FROM contact_state WHERE location_id = ?', [locationId]);
      return { applied: true, ended };
    });
  }

  ingest(event: InboundEvent, contactId: string | undefined): Promise<IngestOutcome> {
    const plan = planFor(event, contactId);
    return this.db.tx(async (tx): Promise<IngestOutcome> => {
      const rows = await tx.all<{ id: string; trigger_key: string; filters: string }>(
        `SELECT id, trigger_key, filters FROM subscriptions WHERE location_id = ? AND status = 'active'`,
        [event.locationId],
      );
      if (rows.length === 0) return { status: 'ignored', deliveries: 0 };
      let prior: ContactState | undefined;
      if (contactId) {
        // Locked whether or not the row exists yet: concurrent events of a contact the relay has not seen
        // would otherwise both read "no prior state" (db.ts `lockContact`).
        await this.db.lockContact(tx, event.locationId, contactId);
        prior = await this.readContact(tx, event.locationId, contactId, true);
      }
      const subscriptions = rows.map((row) => ({
        id: row.id,
        trigger: row.trigger_key,
        filters: JSON.parse(row.filters) as Record<string, string>,
      }));
      // Planned before the event is written, so that an event no subscription takes is kept without its body
      // (contact data): its webhookId alone, for de-duplication (relay/README.md "What it stores").
      const { deliveries, next } = plan(subscriptions, prior);
      const inserted = await tx.run(
        `INSERT INTO inbound_events (webhook_id, location_id, type, ghl_timestamp, received_at, sig_scheme, body)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (webhook_id) DO NOTHING`,
        [
          event.webhookId,
          event.locationId,
          event.type,
          event.timestamp ?? null,
          event.receivedAt,
          event.scheme,
          deliveries.length > 0 ? event.raw : NO_BODY,
        ],
      );
      // A duplicate writes nothing: neither deliveries nor the state computed above.
      if (inserted === 0) return { status: 'duplicate', deliveries: 0 };
      for (const d of deliveries) {
        await tx.run(
          `INSERT INTO deliveries (id, webhook_id, subscription_id, discriminator, location_id, payload, status,
             attempts, next_attempt_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
           ON CONFLICT (webhook_id, subscription_id, discriminator) DO NOTHING`,
          [
            d.id,
            event.webhookId,
            d.subscriptionId,
            d.discriminator,
            event.locationId,
            d.envelope,
            event.receivedAt,
            event.receivedAt,
          ],
        );
      }
      if (contactId) {
        if (next) {
          const row = encodeState(next);
          await tx.run(
            `INSERT INTO contact_state (location_id, contact_id, tags, digests, history, updated_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (location_id, contact_id) DO UPDATE SET tags = excluded.tags, digests = excluded.digests,
               history = excluded.history, updated_at = excluded.updated_at`,
            [event.locationId, contactId, row.tags, row.digests, row.history, event.receivedAt],
          );
        } else {
          await tx.run('DELETE FROM contact_state WHERE location_id = ? AND contact_id = ?', [
            event.locationId,
            contactId,
          ]);
        }
      }
      if (deliveries.length > 0) await this.db.notify(tx);
      return { status: 'accepted', deliveries: deliveries.length };
    });
  }

  private async readContact(
    tx: Pick<Tx, 'all'>,
    locationId: string,
    contactId: string,
    forUpdate: boolean,
  ): Promise<ContactState | undefined> {
    const rows = await tx.all<{ tags: string | null; digests: string; history: string | null }>(
      `SELECT tags, digests, history FROM contact_state WHERE location_id = ? AND contact_id = ?
       ${forUpdate && this.db.skipLocked ? 'FOR UPDATE' : ''}`,
      [locationId, contactId],
    );
    return rows[0] ? decodeState(rows[0]) : undefined;
  }

  acceptSignature(signature: string, now: number, expiresAt: number): Promise<boolean> {
    return this.db.tx(async (tx) => {
      await tx.run('DELETE FROM accepted_signatures WHERE signature = ? AND expires_at <= ?', [
        signature,
        now,
      ]);
      const added = await tx.run(
        'INSERT INTO accepted_signatures (signature, expires_at) VALUES (?, ?) ON CONFLICT (signature) DO NOTHING',
        [signature, expiresAt],
      );
      return added > 0;
    });
  }

  claim(options: ClaimOptions) {
    const claimId = randomUUID();
    const { limit, now, leaseMs, perTarget, exclude } = options;
    const notIn = exclude.length > 0 ? `AND subscription_id NOT IN (${placeholders(exclude.length)})` : '';

    // Attempts are counted at claim time, so a crash mid-delivery uses up a try (relay/README.md "Guarantees").
    // Pending rows only, so the due index is walked in order and stops at the LIMIT; an OR with expired leases
    // made SQLite merge two indexes and sort every due row on each claim (slower as the backlog grew).
    const sql = `
      WITH candidates AS (
        SELECT id AS cid, subscription_id AS csub, next_attempt_at AS cnext FROM deliveries
        WHERE status = 'pending' AND next_attempt_at <= ? ${notIn}
        ORDER BY next_attempt_at LIMIT ? ${this.db.skipLocked}
      ), ranked AS (
        SELECT cid, csub, ROW_NUMBER() OVER (PARTITION BY csub ORDER BY cnext, cid) AS rn FROM candidates
      )
      UPDATE deliveries SET status = 'inflight', attempts = attempts + 1, claim_id = ?, lease_until = ?
      FROM ranked WHERE deliveries.id = ranked.cid AND ranked.rn <= ?`;
    const params: Param[] = [now, ...exclude, limit * 4, claimId, now + leaseMs, perTarget];
    return this.db.tx(async (tx) => {
      // A lease that ran out (its claimer died mid-delivery) turns the row pending again, attempts kept, so the
      // claim below takes it like any due row: one probe of the lease index, nothing when no lease expired.
      await tx.run(
        `UPDATE deliveries SET status = 'pending', claim_id = NULL, lease_until = NULL
         WHERE id IN (SELECT id FROM deliveries WHERE status = 'inflight' AND lease_until <= ? ${this.db.skipLocked})`,
        [now],
      );
      await tx.run(sql, params);
      const rows = await tx.all<{
        id: string;
        subscription_id: string;
        target_url: string;
        attempts: number;
        created_at: number;
        payload: string;
        body: string;
      }>(
        `SELECT d.id, d.subscription_id, s.target_url, d.attempts, d.created_at, d.payload, e.body
         FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
         JOIN inbound_events e ON e.webhook_id = d.webhook_id
         WHERE d.claim_id = ? ORDER BY d.next_attempt_at`,
        [claimId],
      );
      const deliveries = rows.map((row) => ({
        id: row.id,
        subscriptionId: row.subscription_id,
        targetUrl: row.target_url,
        attempts: Number(row.attempts),
        createdAt: Number(row.created_at),
        body: `${row.payload.slice(0, -1)},"event":${row.body}}`,
      }));
      // More than `limit` can come back (up to perTarget per subscription): give the rest back untouched.
      const extra = deliveries.splice(limit);
      for (const d of extra) await this.releaseIn(tx, d.id, claimId);
      return { claimId, deliveries };
    }, NOT_DURABLE);
  }

  private releaseIn(tx: Tx, id: string, claimId: string): Promise<number> {
    return tx.run(
      `UPDATE deliveries SET status = 'pending', attempts = attempts - 1, claim_id = NULL, lease_until = NULL
       WHERE id = ? AND claim_id = ?`,
      [id, claimId],
    );
  }

  async release(id: string, claimId: string): Promise<void> {
    await this.db.tx((tx) => this.releaseIn(tx, id, claimId), NOT_DURABLE);
  }

  complete(id: string, claimId: string, completion: Completion, now: number): Promise<void> {
    return this.completeMany([{ id, claimId, completion, now }]);
  }

  async completeMany(records: readonly CompletionRecord[]): Promise<void> {
    if (records.length === 0) return;
    // Successes (nearly every outcome) are marked done by one statement per HTTP status, up to DONE_CHUNK rows
    // each; done_at is the batch's latest time (it only feeds the retention). The rest go one by one.
    const done = new Map<number, CompletionRecord[]>();
    const others: CompletionRecord[] = [];
    for (const r of records) {
      if (r.completion.kind !== 'done') others.push(r);
      else done.set(r.completion.status, [...(done.get(r.completion.status) ?? []), r]);
    }
    await this.db.tx(async (tx) => {
      for (const [status, group] of done) {
        for (let i = 0; i < group.length; i += DONE_CHUNK) {
          const chunk = group.slice(i, i + DONE_CHUNK);
          const pairs = chunk.map(() => '(?, ?)').join(', ');
          await tx.run(
            `UPDATE deliveries SET status = 'done', done_at = ?, last_status = ?, last_error = NULL,
               claim_id = NULL, lease_until = NULL WHERE (id, claim_id) IN (VALUES ${pairs})`,
            [Math.max(...chunk.map((r) => r.now)), status, ...chunk.flatMap((r) => [r.id, r.claimId])],
          );
        }
      }
      for (const r of others) await this.completeIn(tx, r.id, r.claimId, r.completion, r.now);
    }, NOT_DURABLE);
  }

  private async completeIn(tx: Tx, id: string, claimId: string, c: Completion, now: number) {
    const mine = 'WHERE id = ? AND claim_id = ?';
    switch (c.kind) {
      case 'done':
        await tx.run(
          `UPDATE deliveries SET status = 'done', done_at = ?, last_status = ?, last_error = NULL, claim_id = NULL,
               lease_until = NULL ${mine}`,
          [now, c.status, id, claimId],
        );
        break;
      case 'retry':
        await tx.run(
          `UPDATE deliveries SET status = 'pending', next_attempt_at = ?, last_status = ?, last_error = ?,
               attempts = attempts - ?, claim_id = NULL, lease_until = NULL ${mine}`,
          [c.at, c.status, c.error, c.counted ? 0 : 1, id, claimId],
        );
        break;
      case 'dead':
        await tx.run(
          `UPDATE deliveries SET status = 'dead', done_at = ?, last_status = ?, last_error = ?, claim_id = NULL,
               lease_until = NULL ${mine}`,
          [now, c.status, c.error, id, claimId],
        );
        break;
      case 'gone': {
        const rows = await tx.all<{ subscription_id: string }>(
          `SELECT subscription_id FROM deliveries ${mine}`,
          [id, claimId],
        );
        if (!rows[0]) return;
        await this.end(tx, rows[0].subscription_id, 'gone', now);
        await tx.run('UPDATE deliveries SET last_status = ? WHERE id = ?', [c.status, id]);
        break;
      }
    }
  }

  async nextDueAt(): Promise<number | undefined> {
    const rows = await this.db.all<{ at: number | null }>(
      `SELECT MIN(at) AS at FROM (
         SELECT MIN(next_attempt_at) AS at FROM deliveries WHERE status = 'pending'
         UNION ALL SELECT MIN(lease_until) AS at FROM deliveries WHERE status = 'inflight') AS due`,
    );
    const at = rows[0]?.at;
    return at === null || at === undefined ? undefined : Number(at);
  }

  async queueDepth(): Promise<QueueDepth> {
    const rows = await this.db.all<{ status: string; n: number }>(
      `SELECT status, COUNT(*) AS n FROM deliveries WHERE status IN ('pending', 'inflight', 'dead') GROUP BY status`,
    );
    const depth: QueueDepth = { pending: 0, inflight: 0, dead: 0 };
    for (const row of rows) depth[row.status as keyof QueueDepth] = Number(row.n);
    return depth;
  }

  replayDead(filter: ReplayFilter, now: number): Promise<number> {
    const where: string[] = [
      `status = 'dead'`,
      `subscription_id IN (SELECT id FROM subscriptions WHERE status = 'active')`,
    ];
    const params: Param[] = [now];
    if (filter.subscriptionId) {
      where.push('subscription_id = ?');
      params.push(filter.subscriptionId);
    }
    if (filter.since !== undefined) {
      where.push('created_at >= ?');
      params.push(filter.since);
    }
    return this.db.tx(async (tx) => {
      const n = await tx.run(
        `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, done_at = NULL,
           last_error = NULL WHERE ${where.join(' AND ')}`,
        params,
      );
      if (n > 0) await this.db.notify(tx);
      return n;
    });
  }

  async prune(now: number, policy: PrunePolicy): Promise<void> {
    const { retentionMs, doneKeepMs, contactStateMs, unsubscribedMs } = policy;
    const cutoff = now - retentionMs;
    const unsubscribedSince = now - Math.min(unsubscribedMs, retentionMs);
    await this.db.tx(async (tx) => {
      await tx.run('DELETE FROM contact_state WHERE updated_at < ?', [now - contactStateMs]);
      // Sub-accounts whose last subscription ended long enough ago, read from the ended subscriptions (a small
      // table) before the statement below deletes the oldest of them; each deletes by the primary key's prefix.
      await tx.run(
        `DELETE FROM contact_state WHERE location_id IN (
           SELECT location_id FROM subscriptions WHERE status <> 'active' AND ended_at < ?
           EXCEPT SELECT location_id FROM subscriptions WHERE status = 'active' OR ended_at >= ?)`,
        [unsubscribedSince, unsubscribedSince],
      );
      await tx.run('DELETE FROM deliveries WHERE created_at < ?', [cutoff]);
      await tx.run(`DELETE FROM deliveries WHERE status IN ('done', 'cancelled') AND done_at < ?`, [
        now - doneKeepMs,
      ]);
      await tx.run('DELETE FROM inbound_events WHERE received_at < ?', [cutoff]);
      await tx.run('DELETE FROM accepted_signatures WHERE expires_at <= ?', [now]);
      await tx.run(`DELETE FROM subscriptions WHERE status <> 'active' AND ended_at < ?`, [cutoff]);
    });
  }

  recoverOwnLeases(now: number): Promise<number> {
    return this.db.tx((tx) =>
      tx.run(`UPDATE deliveries SET lease_until = ? WHERE status = 'inflight'`, [now]),
    );
  }

  listen(listener: () => void): Promise<() => Promise<void>> {
    return this.db.listen(listener);
  }

  async delivery(id: string): Promise<Record<string, unknown> | undefined> {
    return (await this.db.all('SELECT * FROM deliveries WHERE id = ?', [id]))[0];
  }

  contactState(locationId: string, contactId: string): Promise<ContactState | undefined> {
    return this.readContact(this.db, locationId, contactId, false);
  }

  async inboundEvent(webhookId: string): Promise<Record<string, unknown> | undefined> {
    return (await this.db.all('SELECT * FROM inbound_events WHERE webhook_id = ?', [webhookId]))[0];
  }

  async count(table: 'installs' | 'subscriptions' | 'inbound_events' | 'deliveries' | 'contact_state') {
    const rows = await this.db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(rows[0]?.n ?? 0);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/**
 * The store for a database. SQLite runs on a worker thread (threaded.ts) unless `inProcess` is asked for (the
 * worker itself, the storage measurement).
 */
export const openStore = (
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string },
  sqliteOptions?: ConstructorParameters<typeof SqliteDb>[1],
  placement: { inProcess?: boolean } = {},
): Store => {
  if (database.kind === 'postgres') return new SqlStore(new PostgresDb(database.url));
  if (!placement.inProcess) return openThreadedStore(database, sqliteOptions);
  return new SqlStore(new SqliteDb(database.path, sqliteOptions));
};

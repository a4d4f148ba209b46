/**
 * The two database adapters behind the one store (store.ts): the SQL is written once, in the dialect both
 * SQLite and PostgreSQL read (`?` placeholders, BIGINT milliseconds, TEXT JSON, ON CONFLICT, RETURNING,
 * UPDATE … FROM); an adapter adds only what differs: locking (`FOR UPDATE SKIP LOCKED`), NOTIFY, group commit.
 */
import { closeSync, fsync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import pg from 'pg';

export type Param = string | number | null;
export type Row = Record<string, unknown>;

export interface Tx {
  all<T extends Row = Row>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /** Runs a write; answers the number of rows it changed. */
  run(sql: string, params?: readonly Param[]): Promise<number>;
}

export interface Db {
  readonly kind: 'sqlite' | 'postgres';
  /** Text appended to a candidate SELECT so that concurrent claimers skip each other's rows. */
  readonly skipLocked: string;
  /**
   * One transaction. `durable: false` (the dispatcher's bookkeeping: claims, outcomes) may skip the wait for the
   * disk: a crash can then forget the last outcomes, and the deliveries go out again with the same id, which
   * at-least-once allows. Everything else — above all an ingest, acknowledged to HighLevel — waits for the disk.
   */
  tx<T>(work: (tx: Tx) => Promise<T>, options?: { durable?: boolean }): Promise<T>;
  /** A read outside any transaction. */
  all<T extends Row = Row>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /** Tells the other processes on the same database that deliveries are due (PostgreSQL NOTIFY). */
  notify(tx: Tx): Promise<void>;
  /** Calls `listener` when another process notifies; answers a function that stops listening. */
  listen(listener: () => void): Promise<() => Promise<void>>;
  /** Serialises migrations between processes that start together. */
  lockForMigration(tx: Tx): Promise<void>;
  /**
   * Serialises, until the end of `tx`, every transaction that reads and writes one contact's state (store.ts
   * `ingest`), whether the state's row exists yet or not.
   */
  lockContact(tx: Tx, locationId: string, contactId: string): Promise<void>;
  close(): Promise<void>;
}

interface Job {
  durable: boolean;
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * node:sqlite (built into Node 22), WAL journal. Group commit: every transaction asked for in one turn of the event
 * loop runs inside one BEGIN … COMMIT (each under its own SAVEPOINT, so one failing job rolls back alone). The
 * commit itself waits for no disk (synchronous=NORMAL: in WAL mode the frames are written to the log, which
 * survives `kill -9`); the dispatcher's bookkeeping (claims, outcomes) is answered right after it. Durable jobs (an
 * ingest, a subscription, an uninstall) are answered only once an fsync of the log, started after their commit,
 * has finished — what synchronous=FULL does, but on libuv's thread pool, so this thread keeps committing while the
 * disk syncs, and one fsync covers every commit written before it. An acknowledged webhook survives `kill -9` and
 * power loss alike — see relay/README.md "Storage".
 */
/** How long a batch stays open for more transactions after the first: a couple of ms, far below one fsync's cost. */
const GROUP_WINDOW_MS = 2;

export class SqliteDb implements Db {
  readonly kind = 'sqlite' as const;
  readonly skipLocked = '';
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private queue: Job[] = [];
  private scheduled = false;
  private closed = false;
  private readonly file: string;
  private walFd: number | undefined;
  /** Durable jobs committed, waiting for the next fsync of the log. */
  private unsynced: { job: Job; value: unknown }[] = [];
  private syncing: Promise<void> | undefined;

  /** `options` exist for the storage measurement (relay/bench/run.ts); the relay always runs with the defaults. */
  constructor(
    file: string,
    private readonly options: { synchronous?: 'FULL' | 'NORMAL'; groupCommit?: boolean } = {},
  ) {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.file = file;
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL');
    // The log's fsync is this class's own (`sync`); SQLite still syncs around its checkpoints.
    this.db.exec('PRAGMA synchronous = NORMAL');
    this.db.exec('PRAGMA busy_timeout = 5000');
    this.db.exec('PRAGMA foreign_keys = OFF');
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private readonly handle: Tx = {
    all: async <T extends Row>(sql: string, params: readonly Param[] = []) =>
      this.statement(sql).all(...params) as T[],
    run: async (sql: string, params: readonly Param[] = []) =>
      Number(this.statement(sql).run(...params).changes),
  };

  tx<T>(work: (tx: Tx) => Promise<T>, options: { durable?: boolean } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The store is closed.'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        durable: options.durable !== false,
        work,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => void this.flush(), GROUP_WINDOW_MS);
      }
    });
  }

  private async flush(): Promise<void> {
    const jobs = this.options.groupCommit === false ? this.queue.splice(0, 1) : this.queue;
    if (jobs === this.queue) this.queue = [];
    try {
      await this.commit(jobs);
    } finally {
      if (this.queue.length > 0) setTimeout(() => void this.flush(), GROUP_WINDOW_MS);
      else this.scheduled = false;
    }
  }

  /** One BEGIN … COMMIT around the jobs, each under its own savepoint. */
  private async commit(jobs: Job[]): Promise<void> {
    const results: { job: Job; ok: boolean; value: unknown }[] = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const job of jobs) {
        this.db.exec('SAVEPOINT job');
        try {
          const value = await job.work(this.handle);
          this.db.exec('RELEASE job');
          results.push({ job, ok: true, value });
        } catch (error) {
          this.db.exec('ROLLBACK TO job');
          this.db.exec('RELEASE job');
          results.push({ job, ok: false, value: error });
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      try {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
      } catch {
        // the rollback's own failure adds nothing to the first error
      }
      for (const job of jobs) job.reject(error);
      return;
    }
    const waitForDisk = this.options.synchronous !== 'NORMAL' && this.file !== ':memory:';
    for (const { job, ok, value } of results) {
      if (!ok) job.reject(value);
      else if (job.durable && waitForDisk) this.unsynced.push({ job, value });
      else job.resolve(value);
    }
    if (this.unsynced.length > 0) this.syncing ??= this.sync();
  }

  /** fsyncs the log until every durable job committed so far is on disk, then answers them. */
  private async sync(): Promise<void> {
    while (this.unsynced.length > 0) {
      const batch = this.unsynced;
      this.unsynced = [];
      try {
        this.walFd ??= openSync(`${this.file}-wal`, 'r');
        const fd = this.walFd;
        await new Promise<void>((resolve, reject) =>
          fsync(fd, (error) => (error ? reject(error) : resolve())),
        );
        for (const { job, value } of batch) job.resolve(value);
      } catch (error) {
        // Committed but not known to be on disk: not acknowledged (HighLevel sends it again; webhookId de-duplicates).
        for (const { job } of batch) job.reject(error);
      }
    }
    this.syncing = undefined;
  }

  async all<T extends Row = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return this.statement(sql).all(...params) as T[];
  }

  async notify(): Promise<void> {}

  async listen(): Promise<() => Promise<void>> {
    return async () => {};
  }

  async lockForMigration(): Promise<void> {}

  /** One writer per file: every transaction already runs alone (BEGIN IMMEDIATE, one store thread). */
  async lockContact(): Promise<void> {}

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.scheduled || this.syncing) await new Promise((resolve) => setImmediate(resolve));
    this.closed = true;
    this.db.close();
    if (this.walFd !== undefined) closeSync(this.walFd);
  }
}

const toPg = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** BIGINT (oid 20) as a JS number: every BIGINT here is milliseconds or a count, far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as never,
};

const CHANNEL = 'relay_deliveries';
/** The shortest gap between two NOTIFYs of one process (see `notify`). */
const NOTIFY_GAP_MS = 50;

/** PostgreSQL through `pg`: a pool for the store, one extra connection for LISTEN. */
export class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  readonly skipLocked = 'FOR UPDATE SKIP LOCKED';
  private readonly pool: pg.Pool;
  private notifiedAt = 0;

  constructor(private readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 16, types, connectionTimeoutMillis: 5000 });
    this.pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it and /health reports a lasting outage.
    });
  }

  async tx<T>(work: (tx: Tx) => Promise<T>, options: { durable?: boolean } = {}): Promise<T> {
    const client = await this.pool.connect();
    const handle: Tx = {
      all: async <R extends Row>(sql: string, params: readonly Param[] = []) =>
        (await client.query(toPg(sql), [...params])).rows as R[],
      run: async (sql: string, params: readonly Param[] = []) =>
        (await client.query(toPg(sql), [...params])).rowCount ?? 0,
    };
    try {
      await client.query('BEGIN');
      if (options.durable === false) await client.query('SET LOCAL synchronous_commit TO OFF');
      const value = await work(handle);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async all<T extends Row = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return (await this.pool.query(toPg(sql), [...params])).rows as T[];
  }

  /**
   * At most one NOTIFY per NOTIFY_GAP_MS from this process: a transaction that notifies holds a database-wide lock
   * through its commit, so one per ingest would serialise every ingest of every process. The hint only wakes the
   * other processes (this one wakes its own dispatcher), and they also poll.
   */
  async notify(tx: Tx): Promise<void> {
    const now = Date.now();
    if (now - this.notifiedAt < NOTIFY_GAP_MS) return;
    this.notifiedAt = now;
    await tx.all(`SELECT pg_notify('${CHANNEL}', '')`);
  }

  async listen(listener: () => void): Promise<() => Promise<void>> {
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: this.url, types });
      next.on('notification', () => listener());
      next.on('error', () => {
        // A lost LISTEN connection only costs latency (polling still runs); reconnect shortly.
        if (!stopped && client === next) {
          client = undefined;
          void next.end().catch(() => undefined);
          retry = setTimeout(() => void connect().catch(() => undefined), 1000);
        }
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${CHANNEL}`);
        client = next;
      } catch {
        await next.end().catch(() => undefined);
        if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), 1000);
      }
    };
    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  }

  async lockForMigration(tx: Tx): Promise<void> {
    await tx.all('SELECT pg_advisory_xact_lock(878715)');
  }

  /**
   * A transaction-scoped advisory lock keyed by a hash of (location, contact), in the two-key space (it never meets
   * the migration lock's one-key space). `SELECT … FOR UPDATE` alone locks nothing while the contact has no row yet:
   * under READ COMMITTED two first events of a contact would both read "no prior state" and the later commit would
   * overwrite the other's history. A hash collision only makes two contacts wait for each other. Taken before the
   * read, so the read (a new snapshot in READ COMMITTED) sees what the previous holder committed.
   */
  async lockContact(tx: Tx, locationId: string, contactId: string): Promise<void> {
    await tx.all('SELECT pg_advisory_xact_lock(878716, hashtext(?))', [`${locationId}/${contactId}`]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * The simulated world of the trigger truth simulator: one sandbox (HighLevel), one Zapier state emulator
 * (z.cache / z.cursor), one simulated clock shared by both and by the app (in this process), a timeline driver,
 * and any number of Zaps on one connection, each polled as Zapier polls (docs/TRIGGERS.md §4):
 * - turning a Zap on runs a poll with `bundle.meta.isPopulatingDedupe` and stores the ids it returns;
 * - every later poll fires each returned id the Zap never stored, then stores it (dedupe by primary key, per Zap,
 *   at most DEDUPE_ROWS ids, oldest dropped first); more than 100 new items in one poll are held by Zapier's flood
 *   protection until the user replays them: counted as fired, and reported as held;
 * - polls come every 1, 5 or 15 minutes, each up to 30 minutes late (a per-Zap lateness function), and a poll can
 *   fail (a 429 or 5xx injected through the sandbox's faults for the whole poll);
 * - turning a Zap off clears its dedupe table; turning it on again repopulates it.
 */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/server';
import { pointAppAt } from '../local';
import {
  authDataFromTokens,
  createRuntime,
  describeError,
  type AppDefinition,
  type AuthData,
  type Runtime,
} from '../runtime';
import { ZapierStateServer } from '../zapierPlatform';
import { SimClock } from './clock';
import { Driver } from './driver';

/** Zapier's dedupe table: 105,000 rows per Zap (docs/TRIGGERS.md §4). */
export const DEDUPE_ROWS = 105_000;
/** Zapier's flood protection holds a poll's new items beyond this many (docs/TRIGGERS.md §4). */
export const FLOOD_LIMIT = 100;
const MINUTE = 60_000;

export type Item = Record<string, unknown>;

export interface ZapConfig {
  /** Unique in the world. */
  id: string;
  /** Trigger key, e.g. `new_contact`. */
  trigger: string;
  inputData?: Record<string, unknown>;
  /** Minutes between scheduled polls (Zapier plans: 1, 2, 5 or 15). Default 15. */
  intervalMinutes?: number;
  /** How late (ms, ≤ 30 min) the n-th scheduled poll runs. Default: on time. */
  lateness?: (pollIndex: number) => number;
  /** The connection (Zapier account connection). Default: the world's one connection. */
  connectionId?: string;
}

export interface PollRecord {
  zapId: string;
  kind: 'populate' | 'poll';
  /** Simulated time the poll started. */
  at: number;
  ok: boolean;
  error?: string;
  /** Items the trigger returned. */
  returned: number;
  /** Items that fired (never stored before), in the order returned. */
  fired: Item[];
  /** Of those, how many Zapier's flood protection would hold for replay (more than 100 new in one poll). */
  held: number;
  /** HighLevel API requests the poll made. */
  requests: number;
  /** Each of them as `METHOD /path` (ids included). */
  paths: string[];
  /** Wall-clock ms. */
  ms: number;
}

export interface Period {
  from: number;
  to?: number;
}

export class Zap {
  readonly records: PollRecord[] = [];
  readonly periods: Period[] = [];
  private readonly dedupe = new Set<string>();
  private failures: Array<{ status: number }> = [];
  private pollIndex = 0;
  nextPollAt: number | undefined;
  private scheduledAt: number | undefined;
  readonly runtime: Runtime;

  constructor(
    private readonly world: World,
    readonly config: ZapConfig,
  ) {
    this.runtime = createRuntime(world.app, {
      authData: world.authData,
      platform: {
        server: world.platform,
        identity: { connectionId: this.connectionId, userId: 'truth-user', zapId: config.id },
      },
    });
  }

  get connectionId(): string {
    return this.config.connectionId ?? this.world.connectionId;
  }

  get isOn(): boolean {
    return this.nextPollAt !== undefined;
  }

  get intervalMs(): number {
    return (this.config.intervalMinutes ?? 15) * MINUTE;
  }

  /** The state-sharing identity: Zaps with the same connection, trigger and inputs share per-connection state. */
  get shareKey(): string {
    const input = this.config.inputData ?? {};
    const sorted = Object.keys(input)
      .sort()
      .map((key) => [key, input[key]]);
    return `${this.connectionId}|${this.config.trigger}|${JSON.stringify(sorted)}`;
  }

  /** The next `count` polls fail with `status` (the sandbox answers every request of the poll with it). */
  failNext(status = 503, count = 1): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ status });
  }

  /** Turns the Zap on: the dedupe-populating poll, then polls every interval. */
  async turnOn(): Promise<PollRecord> {
    if (this.isOn) throw new Error(`Zap ${this.config.id} is already on.`);
    this.dedupe.clear();
    this.world.onTurnOn?.(this);
    const record = await this.run('populate');
    if (!record.ok) throw new Error(`Zap ${this.config.id} could not be turned on: ${record.error}`);
    this.periods.push({ from: record.at });
    this.pollIndex = 0;
    this.scheduledAt = record.at;
    this.schedule();
    return record;
  }

  /** Turns the Zap off: Zapier clears its dedupe table. */
  turnOff(): void {
    if (!this.isOn) return;
    this.nextPollAt = undefined;
    this.dedupe.clear();
    const period = this.periods[this.periods.length - 1];
    period.to = this.world.clock.now();
  }

  /** One scheduled poll now (the world calls it when it is due). */
  async poll(): Promise<PollRecord> {
    const record = await this.run('poll');
    this.schedule();
    return record;
  }

  private schedule(): void {
    this.scheduledAt = (this.scheduledAt ?? this.world.clock.now()) + this.intervalMs;
    this.pollIndex += 1;
    const late = Math.min(30 * MINUTE, Math.max(0, this.config.lateness?.(this.pollIndex) ?? 0));
    this.nextPollAt = this.scheduledAt + late;
  }

  private async run(kind: PollRecord['kind']): Promise<PollRecord> {
    const { sandbox, clock } = this.world;
    const at = clock.now();
    const failure = kind === 'poll' ? this.failures.shift() : undefined;
    sandbox.resetRateLimit();
    sandbox.clearLog();
    if (failure) sandbox.setFaults({ forceStatus: { status: failure.status, count: 1_000 } });
    const started = performance.now();
    const record: PollRecord = {
      zapId: this.config.id,
      kind,
      at,
      ok: true,
      returned: 0,
      fired: [],
      held: 0,
      requests: 0,
      paths: [],
      ms: 0,
    };
    try {
      const items = await this.runtime.run<Item[]>(
        `triggers.${this.config.trigger}.operation.perform`,
        this.config.inputData ?? {},
        { isPopulatingDedupe: kind === 'populate' },
      );
      if (!Array.isArray(items)) throw new Error(`returned ${typeof items}, not an array`);
      record.returned = items.length;
      const seenThisPoll = new Set<string>();
      for (const item of items) {
        const id = String(item.id);
        if (seenThisPoll.has(id)) throw new Error(`returned the id ${id} twice in one poll`);
        seenThisPoll.add(id);
        if (kind === 'poll' && !this.dedupe.has(id)) record.fired.push(item);
        this.remember(id);
      }
      record.held = Math.max(0, record.fired.length - FLOOD_LIMIT);
    } catch (error) {
      record.ok = false;
      record.error = describeError(error);
    } finally {
      if (failure) sandbox.clearFaults();
      record.ms = performance.now() - started;
      record.requests = sandbox.requestLog.length;
      record.paths = sandbox.requestLog.map((entry) => `${entry.method} ${entry.path}`);
    }
    this.records.push(record);
    this.world.records.push(record);
    return record;
  }

  private remember(id: string): void {
    if (this.dedupe.has(id)) return;
    this.dedupe.add(id);
    if (this.dedupe.size > DEDUPE_ROWS) {
      const oldest = this.dedupe.values().next().value;
      if (oldest !== undefined) this.dedupe.delete(oldest);
    }
  }
}

export interface WorldOptions {
  app: AppDefinition;
  /** Contacts seeded before the clock starts (history, not events). */
  seed?: number;
  sandbox?: Omit<SandboxOptions, 'port' | 'clock' | 'seed'>;
}

export class World {
  readonly records: PollRecord[] = [];
  readonly zaps: Zap[] = [];
  readonly connectionId = 'truth-connection-1';
  /** What the trigger truths captured at each turn-on, by zap id (see TriggerTruth.capture). */
  readonly captures = new Map<string, unknown[]>();
  /** Called just before each turn-on poll (the runner captures what the truths need). */
  onTurnOn?: (zap: Zap) => void;

  private constructor(
    readonly app: AppDefinition,
    readonly clock: SimClock,
    readonly sandbox: Sandbox,
    readonly platform: ZapierStateServer,
    readonly driver: Driver,
    readonly authData: AuthData,
    private readonly restoreEnv: () => void,
  ) {}

  static async start(options: WorldOptions): Promise<World> {
    const clock = new SimClock();
    clock.install();
    try {
      const sandbox = await startSandbox({
        accessTokenLifetimeSeconds: 30 * 86_400,
        ...options.sandbox,
        port: 0,
        clock: clock.now,
      });
      if (options.seed) sandbox.seed(options.seed);
      // Values are kept under 256 KiB by lib/core/triggerState.ts's bounds: the emulator holds it to that.
      const platform = await ZapierStateServer.start({ now: clock.now, maxValueBytes: 256 * 1024 });
      const restoreEnv = pointAppAt(sandbox);
      const authData = authDataFromTokens(sandbox.issueTokens());
      return new World(options.app, clock, sandbox, platform, new Driver(sandbox), authData, restoreEnv);
    } catch (error) {
      clock.uninstall();
      throw error;
    }
  }

  zap(config: ZapConfig): Zap {
    if (this.zaps.some((zap) => zap.config.id === config.id))
      throw new Error(`Duplicate zap id ${config.id}`);
    const zap = new Zap(this, config);
    this.zaps.push(zap);
    return zap;
  }

  /** Moves the clock forward by `ms`, running every poll that falls due on the way, in time order. */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    for (;;) {
      const due = this.zaps
        .filter((zap) => zap.nextPollAt !== undefined && zap.nextPollAt <= target)
        .sort((a, b) => (a.nextPollAt ?? 0) - (b.nextPollAt ?? 0))[0];
      if (!due) break;
      this.clock.advanceTo(due.nextPollAt ?? target);
      await due.poll();
    }
    this.clock.advanceTo(target);
  }

  /** Advances in steps of `stepMs` until every on Zap has made at least one successful poll after now. */
  async settle(maxMs = 2 * 60 * MINUTE, stepMs = MINUTE): Promise<void> {
    const since = this.clock.now();
    const settled = () =>
      this.zaps
        .filter((zap) => zap.isOn)
        .every((zap) => zap.records.some((record) => record.at > since && record.ok));
    for (let waited = 0; waited < maxMs && !settled(); waited += stepMs) await this.advance(stepMs);
  }

  async stop(): Promise<void> {
    this.restoreEnv();
    this.clock.uninstall();
    await Promise.allSettled([this.sandbox.close(), this.platform.stop()]);
  }
}

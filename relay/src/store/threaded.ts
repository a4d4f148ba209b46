/**
 * The Store interface for SQLite, served by a worker thread (worker.ts): every call is a message, answered once
 * the worker's store answered — for an ingest, after its commit. Same semantics as the in-process store.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Store } from './store';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

const workerFile = (): { file: string; execArgv: string[] } => {
  const compiled = __filename.endsWith('.js');
  const file = path.join(__dirname, compiled ? 'worker.js' : 'worker.ts');
  // From sources (tests, `npm run relay`), the worker needs the TypeScript loader too.
  const execArgv = compiled ? [] : ['--import', 'tsx'];
  return { file, execArgv };
};

export const openThreadedStore = (
  database: { kind: 'sqlite'; path: string },
  options?: { synchronous?: 'FULL' | 'NORMAL'; groupCommit?: boolean },
): Store => {
  const { file, execArgv } = workerFile();
  const worker = new Worker(file, { workerData: { database, options }, execArgv });
  const pending = new Map<number, Pending>();
  let next = 0;
  let failure: Error | undefined;
  worker.on('message', (message: { id: number; ok: boolean; value?: unknown; message?: string }) => {
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    if (message.ok) entry.resolve(message.value);
    else entry.reject(new Error(message.message));
  });
  const failAll = (error: Error) => {
    failure = error;
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`The store thread stopped (${code}).`)));

  const call = (method: string, args: unknown[]): Promise<unknown> => {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    });
  };

  const forward =
    (method: string) =>
    (...args: unknown[]) =>
      call(method, args);

  return {
    kind: 'sqlite',
    migrate: forward('migrate') as Store['migrate'],
    ping: forward('ping') as Store['ping'],
    createSubscription: forward('createSubscription') as Store['createSubscription'],
    endSubscription: forward('endSubscription') as Store['endSubscription'],
    recordInstall: forward('recordInstall') as Store['recordInstall'],
    uninstall: forward('uninstall') as Store['uninstall'],
    // The raw text only: the worker parses it again, cheaper for this thread than cloning the parsed object.
    ingest: ((event, contactId) =>
      call('ingest', [{ ...event, body: undefined }, contactId])) as Store['ingest'],
    acceptSignature: forward('acceptSignature') as Store['acceptSignature'],
    claim: forward('claim') as Store['claim'],
    release: forward('release') as Store['release'],
    complete: forward('complete') as Store['complete'],
    completeMany: forward('completeMany') as Store['completeMany'],
    nextDueAt: forward('nextDueAt') as Store['nextDueAt'],
    queueDepth: forward('queueDepth') as Store['queueDepth'],
    replayDead: forward('replayDead') as Store['replayDead'],
    prune: forward('prune') as Store['prune'],
    recoverOwnLeases: forward('recoverOwnLeases') as Store['recoverOwnLeases'],
    // LISTEN is PostgreSQL's; one SQLite process wakes itself in process.
    listen: async () => async () => {},
    delivery: forward('delivery') as Store['delivery'],
    inboundEvent: forward('inboundEvent') as Store['inboundEvent'],
    contactState: forward('contactState') as Store['contactState'],
    count: forward('count') as Store['count'],
    close: async () => {
      if (!failure) await call('close', []);
      failure ??= new Error('The store is closed.');
      await worker.terminate();
    },
  };
};

/**
 * The SQLite store on a worker thread (threaded.ts): node:sqlite is synchronous, so a commit's fsync would hold the
 * relay's event loop; here it holds only this thread. Runs the ordinary store and answers each call by id.
 */
import '../preflight';
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type InboundEvent, type Store } from './store';

interface Call {
  id: number;
  method: string;
  args: unknown[];
}

const { database, options } = workerData as {
  database: { kind: 'sqlite'; path: string };
  options: { synchronous?: 'FULL' | 'NORMAL'; groupCommit?: boolean } | undefined;
};
const store: Store = openStore(database, options, { inProcess: true });
const port = parentPort;
if (!port) throw new Error('store/worker.ts runs only as a worker thread.');

port.on('message', (call: Call) => {
  if (call.method === 'ingest') {
    // threaded.ts sends the event without its parsed body.
    const event = call.args[0] as InboundEvent;
    call.args[0] = { ...event, body: JSON.parse(event.raw) as InboundEvent['body'] };
  }
  const method = (store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call.method];
  Promise.resolve()
    .then(() => method.apply(store, call.args))
    .then(
      (value) => port.postMessage({ id: call.id, ok: true, value }),
      (error: unknown) =>
        port.postMessage({ id: call.id, ok: false, message: (error as Error).message ?? String(error) }),
    );
});

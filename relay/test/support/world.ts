/**
 * Everything a black-box relay test needs, started together: a HighLevel signer (generated keys), a fake HighLevel
 * token check, a hook receiver, a relay process on the given database, and a client signed with a fresh app secret.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relayClient, type RelayClient } from './client';
import { hlId } from './events';
import { startFakeHighLevel, type FakeHighLevel } from './fakeHighLevel';
import { startHookReceiver, type HookReceiver } from './hookReceiver';
import { startRelay, type RelayOptions, type RelayProcess } from './relayProcess';
import { createHighLevelSigner, randomSecret, type HighLevelSigner } from './signing';

export type World = {
  signer: HighLevelSigner;
  secret: string;
  highLevel: FakeHighLevel;
  receiver: HookReceiver;
  /** The first relay process (replace it with `world.relay = await world.relay.restart()` after a kill). */
  relay: RelayProcess;
  client: RelayClient;
  /** Options the relay was started with: start more processes on the same database with `startRelay(world.options)`. */
  options: RelayOptions;
  /** A sub-account with a token that can read it. */
  locationId: string;
  token: string;
  /** A scratch folder removed by close(). */
  dir: string;
  close(): Promise<void>;
};

/** `database`: a URL, or undefined for a fresh SQLite file in the scratch folder. */
export async function startWorld(
  options: { database?: string; args?: string[]; identifyPids?: () => number[] } = {},
): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-world-'));
  const signer = createHighLevelSigner();
  const secret = randomSecret();
  const highLevel = await startFakeHighLevel();
  const receiver = await startHookReceiver({ identifyPids: options.identifyPids });
  const relayOptions: RelayOptions = {
    database: options.database ?? `sqlite:${join(dir, 'relay.db')}`,
    secret,
    highLevelPublicKeyPem: signer.publicKeyPem,
    highLevelApiUrl: highLevel.url,
    args: options.args,
  };
  let relay: RelayProcess;
  try {
    relay = await startRelay(relayOptions);
  } catch (error) {
    await Promise.all([highLevel.close(), receiver.close()]);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const locationId = hlId();
  const world: World = {
    signer,
    secret,
    highLevel,
    receiver,
    relay,
    client: relayClient(() => world.relay.url, secret, signer),
    options: relayOptions,
    locationId,
    token: highLevel.tokenFor(locationId),
    dir,
    async close() {
      await world.relay.kill('SIGKILL');
      await Promise.all([highLevel.close(), receiver.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

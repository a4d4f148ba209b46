/** Logs are JSON lines with ids and counts only: no secret, token, signature or contact data. */
import path from 'node:path';
import { createLogger } from '../src/log';
import { startRelay } from '../src/relay';
import {
  FakeHighLevel,
  HookReceiver,
  LOCATION,
  SECRET,
  appCall,
  contactEvent,
  tempDir,
  testConfig,
  waitFor,
  webhook,
} from './support/kit';

describe('logs', () => {
  it('never hold the secret, the token, signatures or contact values', async () => {
    const lines: string[] = [];
    const highlevel = await new FakeHighLevel().start();
    highlevel.tokens.set('super-secret-access-token', LOCATION);
    const hooks = await new HookReceiver().start();
    const temp = tempDir();
    const relay = await startRelay(
      testConfig({
        database: { kind: 'sqlite', path: path.join(temp.dir, 'log.db') },
        highlevelApiUrl: highlevel.url,
      }),
      createLogger((line) => lines.push(line)),
    );
    try {
      const sub = await appCall(
        relay.url,
        'POST',
        '/v1/subscriptions',
        { locationId: LOCATION, trigger: 'contact_tag_added', targetUrl: `${hooks.url}/t` },
        { token: 'super-secret-access-token' },
      );
      hooks.script = (_r, nth) => ({ status: nth === 1 ? 500 : 200 });
      await webhook(
        relay.url,
        contactEvent('ContactCreate', { email: 'jane.doe@example.com', tags: ['PrivateTag'] }),
      );
      await waitFor(() => hooks.to('/t').length === 2);
      await waitFor(() => lines.some((line) => line.includes('delivery retried')));
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      const all = lines.join('');
      for (const forbidden of [
        SECRET,
        'super-secret-access-token',
        'jane.doe@example.com',
        'PrivateTag',
        String(sub.signature),
      ]) {
        expect(all).not.toContain(forbidden);
      }
      expect(all).toContain(String(sub.body.id));
    } finally {
      await relay.close();
      await hooks.close();
      await highlevel.close();
      temp.remove();
    }
  });
});

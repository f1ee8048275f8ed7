import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPending, enqueueEvents, MAX_ATTEMPTS } from '../../src/notify/outbox.service.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** A failed delivery waits before its next attempt, longer each time, and stops after a few. */

let t: TestApp;
const TOPIC = 'test.flaky';

beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(async () => t.close());

const deliver = (handle: () => Promise<void>) =>
  deliverPending(t.ctx.db, TOPIC, 10, handle, t.ctx.now).catch(() => -1);

const failing = async () => {
  throw new Error('gateway down');
};

describe('outbox retries', () => {
  it('back off: 10 s, then 20 s, … and the event is kept after the last attempt', async () => {
    await t.ctx.db
      .transaction()
      .execute((tx) => enqueueEvents(tx, [{ topic: TOPIC, payload: {} }]));
    expect(await deliver(failing)).toBe(-1);
    // Too early: not even taken.
    let calls = 0;
    const counting = async () => {
      calls += 1;
      return failing();
    };
    expect(await deliver(counting)).toBe(0);
    t.advance(9_000);
    expect(await deliver(counting)).toBe(0);
    t.advance(2_000);
    expect(await deliver(counting)).toBe(-1);
    expect(calls).toBe(1);
    // The second wait is twice as long.
    t.advance(11_000);
    expect(await deliver(counting)).toBe(0);
    t.advance(10_000);
    expect(await deliver(counting)).toBe(-1);
    for (let attempt = 3; attempt < MAX_ATTEMPTS; attempt += 1) {
      t.advance(600_000);
      expect(await deliver(counting)).toBe(-1);
    }
    t.advance(600_000);
    expect(await deliver(async () => undefined)).toBe(0);
    const [row] = await t.ctx.db
      .selectFrom('outbox')
      .select(['attempts', 'last_error', 'processed_at'])
      .where('topic', '=', TOPIC)
      .execute();
    expect(row).toEqual({ attempts: MAX_ATTEMPTS, last_error: 'gateway down', processed_at: null });
  });

  it('a delivery that succeeds after a failure handles the event once', async () => {
    await t.ctx.db
      .transaction()
      .execute((tx) => enqueueEvents(tx, [{ topic: TOPIC, payload: {} }]));
    expect(await deliver(failing)).toBe(-1);
    t.advance(10_000);
    let handled = 0;
    expect(
      await deliver(async () => {
        handled += 1;
      }),
    ).toBe(1);
    expect(await deliver(async () => undefined)).toBe(0);
    expect(handled).toBe(1);
  });
});

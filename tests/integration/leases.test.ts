import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { createLease, stationLeaseHolder } from '../../electron/core/db/leases';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';

const MINUTE = 60_000;
let clock = Date.parse('2026-03-02T01:30:00Z');
const now = () => clock;
let core: Core;

beforeEach(async () => {
  core = await preparedCore(tempDir(), { now });
});
afterEach(async () => {
  await core.close();
});

const lease = (holder: string) => createLease({ db: core.db.db, name: 'sync', holder, ttlMs: () => 2 * MINUTE, now });

describe('the sync lease after a crash', () => {
  it('a restarted host of the same station takes its lease back at once; the dead process cannot renew it', async () => {
    const crashed = lease(stationLeaseHolder('0b7c2a5e-1111-4c4c-8888-000000000001'));
    expect(await crashed.acquire()).toBe(true);
    // The process dies without releasing; the same data folder starts again seconds later.
    clock += 5_000;
    const restarted = lease(stationLeaseHolder('0b7c2a5e-1111-4c4c-8888-000000000001'));
    expect(await restarted.acquire()).toBe(true);
    expect(await crashed.acquire()).toBe(false);
    expect(await restarted.acquire()).toBe(true);
  });

  it('another station still waits for the TTL, and a station id with LIKE wildcards matches nothing but itself', async () => {
    expect(await lease(stationLeaseHolder('station-a')).acquire()).toBe(true);
    expect(await lease(stationLeaseHolder('station-b')).acquire()).toBe(false);
    expect(await lease(stationLeaseHolder('station-%')).acquire()).toBe(false);
    expect(await lease('counter-7').acquire()).toBe(false);
    clock += 2 * MINUTE + 1000;
    expect(await lease(stationLeaseHolder('station-b')).acquire()).toBe(true);
  });

});

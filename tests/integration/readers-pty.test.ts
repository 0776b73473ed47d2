import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { IdentityRecord, ReaderStatus } from '../../shared/contract/readers';
import { serialLink } from '../../electron/core/devices/idcard/link';
import { SamDriver } from '../../electron/core/devices/idcard/sam-driver';
import { serveSimulatorOnPort, SimulatedSamReader } from '../../electron/core/devices/idcard/simulator';
import { ptyPair } from '../fixtures/pty';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: { timeoutMs?: number } = {}) {
  const pair = await ptyPair();
  cleanups.push(() => {
    pair.socat.kill();
    fs.rmSync(pair.dir, { recursive: true, force: true });
  });
  const sim = new SimulatedSamReader();
  const served = await serveSimulatorOnPort(sim, pair.device);
  cleanups.push(() => served.close());
  const driver = new SamDriver({ open: serialLink(pair.host, 115200), pollMs: 50, reconnectMs: 200, timeoutMs: options.timeoutMs ?? 500 });
  const statuses: ReaderStatus[] = [];
  const cards: IdentityRecord[] = [];
  driver.on('status', (s) => statuses.push(s));
  driver.on('card', (r) => cards.push(r));
  driver.start();
  cleanups.push(() => driver.stop());
  return { pair, sim, served, driver, statuses, cards };
}

const until = async (fn: () => boolean, ms = 4000) => {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('SAM serial driver against the simulator over a socat pty pair', () => {
  it('reads every layout once per placement; a card must leave the field before it is read again', async () => {
    const { sim, driver, cards } = await setup();
    await until(() => driver.status().state === 'idle');
    expect(driver.status().message).toBe('请放置证件');
    for (const id of ['resident', 'resident-long', 'hkmotw', 'foreign2017', 'foreign2023']) {
      const before = cards.length;
      sim.place(id);
      await until(() => cards.length === before + 1);
      // left on the reader: not read again
      await new Promise((r) => setTimeout(r, 200));
      expect(cards.length).toBe(before + 1);
      sim.place(null);
    }
    expect(cards.map((c) => c.cardType)).toEqual(['resident', 'resident', 'hkmotw', 'foreign2017', 'foreign2023']);
    expect(cards[0]).toMatchObject({ name: '欧阳堃', nation: '达斡尔' });
    sim.place('resident');
    await until(() => cards.length === 6);
    expect(await driver.read(0)).toMatchObject({ name: '欧阳堃' });
  });

  it('read(waitMs) waits for the next card; without one it says 请放置证件', async () => {
    const { sim, driver } = await setup();
    await until(() => driver.status().state === 'idle');
    await expect(driver.read(0)).rejects.toMatchObject({ userText: '请放置证件' });
    const pending = driver.read(3000);
    setTimeout(() => sim.place('foreign2023'), 100);
    expect(await pending).toMatchObject({ cardType: 'foreign2023' });
  });

  it('an expired card is read and flagged 证件已过期', async () => {
    const { sim, driver, cards } = await setup();
    sim.place('resident-expired');
    await until(() => cards.length === 1);
    expect(cards[0]!.expired).toBe(true);
    expect(driver.status().message).toBe('证件已过期');
  });

  it('a wrong checksum and a failed read give 读卡失败, and recover once the reader answers right', async () => {
    const { sim, driver, cards } = await setup();
    await until(() => driver.status().state === 'idle');
    sim.fault = 'bad-checksum';
    await until(() => driver.status().state === 'error');
    expect(driver.status().message).toMatch(/读卡失败，请重新放置（校验和错误/);
    sim.fault = 'read-fails';
    sim.place('resident');
    await until(() => /读卡失败/.test(driver.status().message) && driver.status().message.includes('状态码 41'));
    sim.fault = 'none';
    sim.place('resident');
    await until(() => cards.length === 1);
  });

  it('a silent reader times out and shows 未检测到读卡器, then comes back', async () => {
    const { sim, driver, cards } = await setup({ timeoutMs: 150 });
    await until(() => driver.status().state === 'idle');
    sim.fault = 'silent';
    await until(() => driver.status().state === 'absent');
    expect(driver.status().message).toBe('未检测到读卡器');
    sim.fault = 'none';
    await until(() => driver.status().state === 'idle');
    sim.place('hkmotw');
    await until(() => cards.length === 1);
  });

  it('unplugging (the pty disappears) is reported, and the reader is found again when plugged back', async () => {
    const { pair, driver, statuses } = await setup();
    await until(() => driver.status().state === 'idle');
    pair.socat.kill();
    await until(() => driver.status().state === 'absent', 6000);
    expect(statuses.some((s) => s.state === 'absent')).toBe(true);
    // plug back in: a new pair at the same paths with a fresh simulator
    for (const f of [pair.host, pair.device]) fs.rmSync(f, { force: true });
    const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${pair.host}`, `pty,raw,echo=0,link=${pair.device}`], { stdio: 'ignore' });
    cleanups.push(() => void socat.kill());
    await until(() => fs.existsSync(pair.device));
    const served = await serveSimulatorOnPort(new SimulatedSamReader(), pair.device);
    cleanups.push(() => served.close());
    await until(() => driver.status().state === 'idle', 6000);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli';
import { messagePortClient } from '../fixtures/clients';
import { preparedCore, tokenFor } from '../fixtures/hall';
import type { Core } from '../../electron/core/core';
import { buildResponse, hexOf } from '../../electron/core/devices/idcard/frame';
import { encodeTextBlock, FAKE_CARDS, fakePhoto } from '../../electron/core/devices/idcard/fake-cards';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-readers-'));
const frameOf = (id: string) =>
  buildResponse(0x90, Buffer.concat([Buffer.from([1, 0, 4, 0]), encodeTextBlock(FAKE_CARDS.find((c) => c.id === id)!), fakePhoto(id)]));

// Each CLI run starts tsx (seconds on a loaded 2-core machine): generous timeouts.
describe('idcard CLI', { timeout: 120_000 }, () => {
  it('decode: binary and --hex frames give the record as JSON', async () => {
    fs.writeFileSync(path.join(dir, 'f.bin'), frameOf('foreign2023'));
    fs.writeFileSync(path.join(dir, 'f.hex'), hexOf(frameOf('hkmotw')));
    const bin = await runCli(['idcard', 'decode', path.join(dir, 'f.bin'), '--json'], dir);
    expect(bin.code).toBe(0);
    expect(JSON.parse(bin.stdout)).toMatchObject({ cardType: 'foreign2023', name: '马丁' });
    const hex = await runCli(['idcard', 'decode', path.join(dir, 'f.hex'), '--hex', '--json'], dir);
    expect(JSON.parse(hex.stdout)).toMatchObject({ cardType: 'hkmotw', passNumber: 'H12345678' });
  });

  it('decode: bad preamble, wrong length, bad checksum and an error status exit 1 naming the problem', async () => {
    const good = frameOf('resident');
    const cases: [string, Buffer, RegExp][] = [
      ['preamble', Buffer.concat([Buffer.from([0xab]), good.subarray(1)]), /preamble.*帧头错误/],
      ['length', Buffer.concat([good, Buffer.from([0])]), /length.*长度不符/],
      ['checksum', Buffer.from(good).fill(0x00, 100, 101), /checksum.*校验和错误/],
      ['status', buildResponse(0x80), /status.*未找到证件.*状态码 80/],
    ];
    const results = await Promise.all(
      cases.map(([name, bytes]) => {
        const file = path.join(dir, `${name}.bin`);
        fs.writeFileSync(file, bytes);
        return runCli(['idcard', 'decode', file, '--json'], dir);
      }),
    );
    cases.forEach(([name, , message], i) => {
      expect(results[i]!.code, name).toBe(1);
      expect(results[i]!.stderr, name).toMatch(message);
    });
  });

  it('read: the configured simulator reads a placed card; the ID number is masked without --reveal', async () => {
    const r = await runCli(['idcard', 'read', '--sim-card', 'resident-long', '--wait', '3000'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('龚䶮');
    expect(r.stdout).toMatch(/5331\*{10}\d{3}[\dX]/);
    const none = await runCli(['idcard', 'read', '--wait', '0'], dir);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('请放置证件');
  });
});

describe('readers contract', () => {
  let core: Core;
  beforeAll(async () => {
    core = await preparedCore(fs.mkdtempSync(path.join(os.tmpdir(), 'medins-readers-rpc-')));
  });
  afterAll(async () => core.close());

  it('a clerk places a simulated card, reads it, and the read is audited with a masked number', async () => {
    const { client, close } = messagePortClient(core, await tokenFor(core, 'clerk1'));
    try {
      const statuses = await client.readers.status();
      expect(statuses.map((s) => s.device)).toEqual(['idcard', 'sscard', 'evoucher']);
      const events = await client.readers.events();
      await client.readers.simulator.place({ id: 'foreign2017' });
      const seen: string[] = [];
      for await (const e of events) {
        seen.push(e.type);
        if (e.type === 'card') {
          expect(e.record.idNumber).toBe('FRA320119850101');
          break;
        }
      }
      expect(seen[0]).toBe('status');
      const record = await client.readers.readIdCard({ waitMs: 0 });
      expect(record.cardType).toBe('foreign2017');
      const ss = await client.readers.readSocialSecurityCard();
      expect(ss.name).toBe('欧阳堃');
      const ev = await client.readers.decodeEVoucher({ code: 'SIMQR-12345678' });
      expect(ev.source).toBe('evoucher');
      const audit = await core.services.audit.list({ action: 'person.read_card' });
      expect(audit.total).toBeGreaterThanOrEqual(4);
      const json = JSON.stringify(audit.entries);
      expect(json).not.toContain('FRA320119850101');
      expect(json).not.toContain(record.idNumber);
    } finally {
      close();
    }
  });

  it('queue managers may not read cards', async () => {
    const { client, close } = messagePortClient(core, await tokenFor(core, 'queue1'));
    await expect(client.readers.readIdCard({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    close();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEscpos } from '../../../electron/core/printing/decode';
import { stateFromStatus, statusBytes, validStatusByte } from '../../../electron/core/printing/status';
import { parseTcpAddress } from '../../../electron/core/printing/transport';
import { templateLoader } from '../../../electron/core/printing/templates';
import { backoffSeconds } from '../../../electron/core/backoff';
import { AppError } from '../../../electron/core/errors';
import { tempDir } from '../../fixtures/temp';

describe('DLE EOT status', () => {
  it('reads the Epson bytes: offline, cover open, paper end, near end', () => {
    expect(stateFromStatus({ printer: 0x12, offline: 0x12, paper: 0x12 })).toBe('ready');
    expect(stateFromStatus({ printer: 0x1a, offline: 0x16, paper: 0x12 })).toBe('coverOpen');
    expect(stateFromStatus({ printer: 0x1a, offline: 0x32, paper: 0x7e })).toBe('paperOut');
    expect(stateFromStatus({ printer: 0x12, offline: 0x12, paper: 0x1e })).toBe('paperNearEnd');
    expect(stateFromStatus({ printer: 0x1a, offline: 0x12, paper: 0x12 })).toBe('offline');
    expect(stateFromStatus({ printer: 0x12, offline: 0x52 })).toBe('error');
    expect(stateFromStatus({})).toBe('unknown');
  });

  it('the simulator answers what a printer in that condition answers', () => {
    const out = statusBytes({ paperOut: true });
    expect(Object.values(out).every(validStatusByte)).toBe(true);
    expect(stateFromStatus({ printer: out[1], offline: out[2], paper: out[4] })).toBe('paperOut');
    const cover = statusBytes({ coverOpen: true });
    expect(stateFromStatus({ printer: cover[1], offline: cover[2], paper: cover[4] })).toBe('coverOpen');
    expect(validStatusByte(0x00)).toBe(false);
    expect(validStatusByte(0xff)).toBe(false);
  });
});

describe('printer addresses and back-off', () => {
  it('parses tcp://host:port, host:port and a bare host (9100)', () => {
    expect(parseTcpAddress('tcp://192.168.1.50:9100')).toEqual({ host: '192.168.1.50', port: 9100 });
    expect(parseTcpAddress('printer-3.hall.local:9101')).toEqual({ host: 'printer-3.hall.local', port: 9101 });
    expect(parseTcpAddress('10.0.0.9')).toEqual({ host: '10.0.0.9', port: 9100 });
    expect(parseTcpAddress('tcp://[fe80::1]:9100')).toEqual({ host: 'fe80::1', port: 9100 });
    expect(parseTcpAddress('COM3:')).toBeNull();
    expect(parseTcpAddress('tcp://host:70000')).toBeNull();
    expect(parseTcpAddress('http://x/y')).toBeNull();
  });

  it('doubles the delay from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffSeconds(n, 5, 120))).toEqual([5, 10, 20, 40, 80, 120, 120]);
  });
});

describe('decoder on bad input', () => {
  it('never throws: truncated and unknown commands become warnings, text stays text', () => {
    const bytes = Buffer.concat([Buffer.from([0x1b, 0x40, 0x1c, 0x26]), Buffer.from('OK\n'), Buffer.from([0x1b, 0x7f, 0x1d, 0x99]), Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x30, 0x00, 0x18])]);
    const decoded = decodeEscpos(bytes);
    expect(decoded.items[0]).toMatchObject({ kind: 'text', text: 'OK' });
    expect(decoded.warnings).toEqual(['unknown command ESC 0x7f at byte 7', 'unknown command GS 0x99 at byte 9', 'truncated GS v 0 at byte 11']);
  });

  it('a raster block whose data is short is reported, not read past the end', () => {
    const decoded = decodeEscpos(Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x05, 0x00, 0xff]));
    expect(decoded.items).toEqual([]);
    expect(decoded.warnings[0]).toMatch(/truncated GS v 0 data/);
    for (let i = 0; i < 200; i++) {
      const noise = Buffer.from(Array.from({ length: 64 }, (_, j) => (i * 131 + j * 29) % 256));
      expect(() => decodeEscpos(noise)).not.toThrow();
    }
  });
});

describe('templates', () => {
  it('a malformed or mislabelled template is a clear error naming the file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'queueTicket.json'), '{ "kind": "queueTicket", "widths": { "58": { "elements": [] } } }');
    fs.writeFileSync(path.join(dir, 'testPage.json'), fs.readFileSync('resources/templates/queueTicket.json'));
    const load = templateLoader(dir);
    for (const kind of ['queueTicket', 'testPage', 'completionNotice'] as const) {
      let error: unknown;
      try {
        load(kind);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).userText).toContain(`${kind}.json`);
    }
  });
});

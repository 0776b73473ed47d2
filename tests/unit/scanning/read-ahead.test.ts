import { describe, expect, it } from 'vitest';
import { processAhead, readAhead } from '../../../electron/core/scanning/image';

/** A driver that logs when each page is asked for and delivered. */
function device(pages: number, log: string[], failAfter?: number) {
  return (async function* () {
    for (let n = 1; n <= pages; n++) {
      log.push(`acquire ${n}`);
      await new Promise((r) => setTimeout(r, 5));
      if (failAfter !== undefined && n > failAfter) throw new Error('paper jam');
      yield n;
    }
  })();
}

describe('readAhead (page n+1 is acquired while page n is processed)', () => {
  it('asks the device for the next page before the caller has processed the current one', async () => {
    const log: string[] = [];
    for await (const n of readAhead(device(3, log))) {
      log.push(`process ${n}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(log).toEqual(['acquire 1', 'acquire 2', 'process 1', 'acquire 3', 'process 2', 'process 3']);
  });

  it('a device error comes after every page that arrived', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of readAhead(device(5, log, 2))) seen.push(n);
      })(),
    ).rejects.toThrow('paper jam');
    expect(seen).toEqual([1, 2]);
  });

  it('stopping early ends the device', async () => {
    let ended = false;
    const source = (async function* () {
      try {
        for (let n = 1; ; n++) yield n;
      } finally {
        ended = true;
      }
    })();
    for await (const n of readAhead(source)) if (n === 2) break;
    expect(ended).toBe(true);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('processAhead (two pages processed at once, delivered in page order)', () => {
  it('processes page n+1 while page n is, and delivers them in order even when a later page finishes first', async () => {
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    const process = async (n: number) => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${n}`);
      // Page 1 is the slowest: page 2 finishes before it.
      await sleep(n === 1 ? 60 : 10);
      log.push(`end ${n}`);
      running--;
      return n * 10;
    };
    for await (const v of processAhead(device(4, log), process, 2)) seen.push(v);
    expect(seen).toEqual([10, 20, 30, 40]);
    expect(most).toBe(2);
    expect(log.indexOf('start 2')).toBeLessThan(log.indexOf('end 1'));
    expect(log.indexOf('end 2')).toBeLessThan(log.indexOf('end 1'));
  });

  it('never has more than `depth` pages in processing', async () => {
    let running = 0;
    let most = 0;
    const process = async (n: number) => {
      running++;
      most = Math.max(most, running);
      await sleep(5);
      running--;
      return n;
    };
    const seen: number[] = [];
    for await (const v of processAhead(device(6, []), process, 3)) {
      seen.push(v);
      await sleep(15);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(most).toBeLessThanOrEqual(3);
    const one: number[] = [];
    for await (const v of processAhead(device(3, []), process, 1)) one.push(v);
    expect(one).toEqual([1, 2, 3]);
    expect(running).toBe(0);
  });

  it('a device error comes after every page that arrived, each processed', async () => {
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const v of processAhead(device(5, [], 2), async (n) => n, 2)) seen.push(v);
      })(),
    ).rejects.toThrow('paper jam');
    expect(seen).toEqual([1, 2]);
  });

  it('a page that fails to process surfaces when the caller reaches it, after the pages before it', async () => {
    const seen: number[] = [];
    const process = async (n: number) => {
      if (n === 3) throw new Error('unreadable page 3');
      await sleep(20);
      return n;
    };
    await expect(
      (async () => {
        for await (const v of processAhead(device(5, []), process, 2)) seen.push(v);
      })(),
    ).rejects.toThrow('unreadable page 3');
    expect(seen).toEqual([1, 2]);
  });

  it('stopping early ends the device', async () => {
    let ended = false;
    const source = (async function* () {
      try {
        for (let n = 1; ; n++) {
          await sleep(1);
          yield n;
        }
      } finally {
        ended = true;
      }
    })();
    for await (const n of processAhead(source, async (n) => n, 2)) if (n === 2) break;
    expect(ended).toBe(true);
  });

  it('refuses a depth that is not a positive whole number', async () => {
    await expect(processAhead(device(1, []), async (n) => n, 0).next()).rejects.toThrow('positive integer');
  });
});

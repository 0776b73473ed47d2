import { describe, expect, it } from 'vitest';
import { readAhead } from '../../../electron/core/scanning/image';

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

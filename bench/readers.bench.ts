import type { IdentityRecord } from '../shared/contract/readers';
import { buildRequest, buildResponse, CMD } from '../electron/core/devices/idcard/frame';
import { simulatorLink } from '../electron/core/devices/idcard/link';
import { SamDriver } from '../electron/core/devices/idcard/sam-driver';
import { SimulatedSamReader } from '../electron/core/devices/idcard/simulator';
import { FAKE_CARDS } from '../electron/core/devices/idcard/fake-cards';
import { PHOTO_BYTES, TEXT_BLOCK_BYTES } from '../electron/core/devices/idcard/text-block';
import type { BenchSuite } from './types';

/**
 * Issue 7 target: card placed → record decoded, under 1.2× the time the bytes need on the wire
 * at 115 200 baud. Subject: the real SAM driver (polling, SamClient, frame parser, text-block
 * decoder, normalised record) against the in-process simulator whose link delivers every frame
 * after its wire time (10 bits a byte). Baseline: the wire time of the exchange itself —
 * find card, select card, read text + photo (the 1 295-byte response) — computed, not measured.
 */
const BAUD = 115_200;
const CARDS_PER_RUN = 10;

const exchange = [
  buildRequest(CMD.findCard),
  buildResponse(0x9f, Buffer.alloc(4)),
  buildRequest(CMD.selectCard),
  buildResponse(0x90, Buffer.alloc(8)),
  buildRequest(CMD.readText),
  buildResponse(0x90, Buffer.alloc(4 + TEXT_BLOCK_BYTES + PHOTO_BYTES)),
];
const wireBytes = exchange.reduce((n, f) => n + f.length, 0);
const wireMs = (wireBytes * 10 * 1000) / BAUD;
if (exchange[5]!.length !== 1295) throw new Error(`read response is ${exchange[5]!.length} bytes, expected 1295`);

let sim: SimulatedSamReader;
let driver: SamDriver;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Places a card and waits for the driver's decoded record; then takes the card away. */
async function placeAndDecode(cardId: string): Promise<number> {
  const decoded = new Promise<IdentityRecord>((resolve) => driver.once('card', resolve));
  const t = performance.now();
  sim.place(cardId);
  const record = await decoded;
  const ms = performance.now() - t;
  if (!record.idNumber || !record.name) throw new Error('record not decoded');
  sim.place(null);
  return ms;
}

export const suite: BenchSuite = {
  name: 'readers (ID card over the SAM protocol, 115 200 baud)',
  cases: [
    {
      name: `card placed → record decoded: median of ${CARDS_PER_RUN} cards, all four layouts (target < 1.2× wire time)`,
      unit: 'ms',
      runs: 7,
      target: '< 1.2× wire',
      setup: async () => {
        sim = new SimulatedSamReader(FAKE_CARDS);
        // pollMs 0: find-card is asked back to back, so the figure is the protocol's, not a poll interval's.
        driver = new SamDriver({ name: 'simulator', open: simulatorLink(sim, BAUD), pollMs: 0, timeoutMs: 1500 });
        const ready = new Promise<void>((resolve) => {
          const check = () => driver.status().state === 'idle' && (driver.off('status', check), resolve());
          driver.on('status', check);
        });
        driver.start();
        await ready;
        console.log(`    (wire: ${wireBytes} bytes = ${exchange.map((f) => f.length).join(' + ')}, ${wireMs.toFixed(2)} ms at ${BAUD} baud)`);
      },
      baseline: {
        name: `wire time of ${wireBytes} bytes × 10 bits / ${BAUD}`,
        measure: () => wireMs,
      },
      subject: {
        name: 'SamDriver + simulator link: place → card event',
        measure: async () => {
          const times: number[] = [];
          for (let i = 0; i < CARDS_PER_RUN; i++) times.push(await placeAndDecode(FAKE_CARDS[i % FAKE_CARDS.length]!.id));
          return median(times);
        },
      },
      teardown: () => driver.stop(),
    },
  ],
};

import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../electron/core/core';
import { startWebHost, type WebHost } from '../electron/web/server';
import { httpClient, wsClient, type TestClient } from '../tests/fixtures/clients';
import { preparedCore, tokenFor } from '../tests/fixtures/hall';
import { percentile } from './queue-checks';
import type { BenchSuite } from './types';

/**
 * Issue 17: 200 clients on the web host over loopback — 150 HTTP clients reading the queue
 * (`queue.snapshot`, as consoles and kiosks poll it) and 50 WebSocket clients watching it
 * (`queue.watch`, as boards do) — while counters call and finish, for MEDINS_CLIENTS_SECONDS
 * (default 60). Subject: p99 of the HTTP reads; baseline: the same 150 HTTP clients hitting
 * /healthz (one bare query) under the same 50 watchers, in the same run. Every error counts
 * and fails the figure; rss before and after each run is printed. Clients and host share one
 * process (and the machine's cores), so the figure is a pessimistic one.
 */
const SECONDS = Number(process.env.MEDINS_CLIENTS_SECONDS ?? 60);
const HTTP_CLIENTS = 150;
const WS_CLIENTS = 50;
const ACTOR = { id: null, name: 'bench', transport: 'direct' };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-bench-clients-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

let core: Core;
let host: WebHost;
let token = '';
let run = 0;

/** Keeps the queue moving (take, call, finish at 4 counters) until `stop`; boards see every change. */
async function hallAtWork(stop: () => boolean): Promise<void> {
  const q = core.services.queue;
  while (!stop()) {
    for (let n = 1; n <= 4 && !stop(); n++) {
      await q.take(ACTOR, 'ABCD'[n - 1]!, null, 'kiosk');
      const t = await q.callNext({ ...ACTOR, counter: n }, n);
      if (t) await q.finish(ACTOR, t.id);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** 150 HTTP clients in a loop of `read` and 50 watchers for SECONDS; latencies of the reads. */
async function load(read: (c: TestClient) => Promise<unknown>): Promise<number> {
  const rssBefore = process.memoryUsage().rss;
  const deadline = performance.now() + SECONDS * 1000;
  const stop = () => performance.now() >= deadline;
  const times: number[] = [];
  let errors = 0;
  let updates = 0;
  const ac = new AbortController();
  setMaxListeners(WS_CLIENTS + 10, ac.signal);
  const sockets = await Promise.all(Array.from({ length: WS_CLIENTS }, () => wsClient(host.url, {}, token)));
  const watchers = sockets.map(async ({ client }) => {
    try {
      for await (const s of await client.queue.watch(undefined, { signal: ac.signal })) void (s && updates++);
    } catch (error) {
      if (!ac.signal.aborted) errors++;
      void error;
    }
  });
  const readers = Array.from({ length: HTTP_CLIENTS }, async () => {
    const client = httpClient(host.url, {}, token);
    while (!stop()) {
      const t = performance.now();
      try {
        await read(client);
        times.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  });
  await Promise.all([...readers, hallAtWork(stop)]);
  // Stopping a stream sends a message over its socket: close the sockets once they are done.
  ac.abort();
  await Promise.all(watchers);
  await new Promise((r) => setTimeout(r, 200));
  for (const s of sockets) s.close();
  await new Promise((r) => setTimeout(r, 1000));
  global.gc?.();
  const rssAfter = process.memoryUsage().rss;
  const p99 = percentile(times, 99);
  console.log(`    run ${run++}: ${times.length} reads, p99 ${p99.toFixed(1)} ms, ${errors} errors, ${updates} board updates, rss ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB`);
  if (errors) throw new Error(`${errors} client errors`);
  if (updates < WS_CLIENTS) throw new Error(`watchers got ${updates} updates`);
  // Printed, not enforced: the first run also grows the heap V8 keeps (the baseline runs first, so
  // the subject's figure is the one after a warm-up).
  console.log(`    rss after / before: ${(rssAfter / rssBefore).toFixed(2)} (target ≤ 1.20)`);
  return p99;
}

export const suite: BenchSuite = {
  name: 'clients',
  cases: [
    {
      name: `${HTTP_CLIENTS} HTTP + ${WS_CLIENTS} WebSocket clients for ${SECONDS} s on loopback, p99 of the HTTP calls`,
      unit: 'ms',
      runs: 1,
      target: 'p99 < 1 s, 0 errors, rss back within 20 %',
      setup: async () => {
        core = await preparedCore(path.join(dir, 'core'));
        await core.services.queue.ensureDefaults([1, 2, 3, 4]);
        for (const n of [1, 2, 3, 4]) await core.services.queue.setOpen(ACTOR, n, true);
        host = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0 });
        token = await tokenFor(core, 'clerk1');
      },
      baseline: { name: 'GET /healthz under the same load', measure: () =>
          load(async () => {
            const r = await fetch(new URL('/healthz', host.url));
            if (!r.ok) throw new Error(`healthz ${r.status}`);
            return r.json();
          }),
      },
      subject: { name: 'queue.snapshot over HTTP', measure: () => load((c) => c.queue.snapshot()) },
      teardown: async () => {
        await host.close();
        await core.close();
      },
    },
  ],
};

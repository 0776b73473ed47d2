import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { contract } from '../../shared/contract';
import { streamingPaths } from '../../shared/contract/streams';
import { tempDir } from '../fixtures/temp';

/**
 * Malformed input to every procedure, over HTTP and over the WebSocket, against a web host in
 * its own process: the host must never die and never answer INTERNAL (a crash or a 500 is a bug;
 * a refusal with its own code is the right answer). Signed in as a user holding every role, so
 * input reaches the handlers instead of stopping at the access check.
 */
const ROOT = path.resolve(__dirname, '..', '..');
/** Calls that end the fuzzing session itself whatever they are sent. */
const SKIP = new Set(['auth.logout', 'auth.lock']);
const PASSWORD = 'Counter2026';

let host: ChildProcess;
let base = '';
let exited: number | null = null;
let token = '';

function procedures(node: Record<string, unknown>, at: string[] = []): { path: string; keys: string[] }[] {
  return Object.entries(node).flatMap(([k, v]) => {
    const orpc = (v as { '~orpc'?: { inputSchema?: { _zod?: { def?: { shape?: object; innerType?: { _zod?: { def?: { shape?: object } } } } } } } })['~orpc'];
    if (!orpc) return procedures(v as Record<string, unknown>, [...at, k]);
    const def = orpc.inputSchema?._zod?.def;
    const shape = def?.shape ?? def?.innerType?._zod?.def?.shape ?? {};
    return [{ path: [...at, k].join('.'), keys: Object.keys(shape) }];
  });
}

async function rpc(p: string, body: string, session = token): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${base}rpc/${p.replaceAll('.', '/')}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-medins-session': session }, body });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { json?: { code?: string } }).json?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code };
}

async function call<T>(p: string, input: unknown, session = token): Promise<T> {
  const res = await fetch(`${base}rpc/${p.replaceAll('.', '/')}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-medins-session': session }, body: JSON.stringify({ json: input }) });
  const body = (await res.json()) as { json: T };
  if (res.status !== 200) throw new Error(`${p}: ${res.status} ${JSON.stringify(body)}`);
  return body.json;
}

/** Inputs that are wrong in kind, size or shape; the same every run (fixed seed). */
function badInputs(keys: string[], n: number, seed: number): unknown[] {
  const odd: unknown[] = [null, 0, -1, 1e308, '', 'x'.repeat(5000), [], {}, true, '%_%_\u0000\u202e', { __proto__: { admin: true } }, [[[[[[[[[[]]]]]]]]]]];
  const wrongFields = keys.flatMap((k) => [odd[0], odd[5], odd[6], odd[9]].map((v) => ({ [k]: v })));
  const random = fc.sample(fc.oneof(fc.anything(), fc.record(Object.fromEntries(keys.map((k) => [k, fc.anything()])))), { numRuns: n, seed });
  return [...odd, ...wrongFields, ...random];
}

beforeAll(async () => {
  const dataDir = tempDir('medins-fuzz-');
  host = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron', 'web', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, MEDINS_DATA_DIR: dataDir, MEDINS_HOST_PORT: '0', MEDINS_NO_OPEN: '1', MEDINS_RENDERER_DIR: path.join(dataDir, 'none') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host.on('exit', (code) => (exited = code ?? -1));
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    host.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+\/)/.exec(out);
      if (m) resolve(m[1]!);
    });
    host.once('exit', () => reject(new Error(`web host exited at start: ${out}`)));
  });
  const admin = await call<{ token: string }>('setup.complete', { admin: { username: 'admin', displayName: '管理员', password: PASSWORD }, hall: { name: '测试大厅', regionCode: '410100' }, counter: { number: 1 }, catalogSourceId: 'national-2020' });
  await call('users.create', { username: 'fuzz', displayName: '全角色', roles: ['clerk', 'supervisor', 'queueManager', 'admin'], counters: [1], password: 'Start2026x' }, admin.token);
  const fuzz = await call<{ token: string }>('auth.login', { username: 'fuzz', password: 'Start2026x' }, '');
  await call('auth.changePassword', { current: 'Start2026x', next: PASSWORD }, fuzz.token);
  token = fuzz.token;
}, 90_000);

afterAll(() => {
  host?.kill('SIGTERM');
});

describe('fuzzing every procedure with malformed input', () => {
  const all = procedures(contract as unknown as Record<string, unknown>).filter((p) => !SKIP.has(p.path));
  const streams = streamingPaths();

  it('over HTTP: no INTERNAL answer, the host lives', async () => {
    const internal: string[] = [];
    let sent = 0;
    const garbage = ['not json', '{"json":', '[]', '{"json": 1, "meta": [[0, "x"]]}', '{"json": {}, "meta": "x"}', '"' + 'a'.repeat(1000) + '"'];
    for (const [i, proc] of all.entries()) {
      if (streams.has(proc.path)) continue;
      const bodies = [...garbage, ...badInputs(proc.keys, 3, i).map((input) => JSON.stringify({ json: input }))];
      // A procedure's bodies go in parallel: the host must also cope with them arriving together.
      const answers = await Promise.all(bodies.map((body) => rpc(proc.path, body).then((r) => ({ r, body }))));
      for (const { r, body } of answers) {
        sent++;
        if (r.status >= 500 && r.code !== 'DEVICE_ERROR' && r.code !== 'DB_UNAVAILABLE') internal.push(`${proc.path} ${r.status} ${r.code} ${body.slice(0, 80)}`);
        else if (r.code === 'INTERNAL') internal.push(`${proc.path} INTERNAL ${body.slice(0, 80)}`);
      }
    }
    console.log(`fuzz HTTP: ${sent} requests to ${all.length - streams.size} procedures, ${internal.length} INTERNAL, host ${exited === null ? 'alive' : `exited ${exited}`}`);
    expect(internal).toEqual([]);
    expect(exited).toBeNull();
    expect((await fetch(`${base}healthz`)).status).toBe(200);
  }, 120_000);

  it('over the WebSocket: no INTERNAL answer, the host lives', async () => {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}rpc-ws`);
    await new Promise((r) => ws.once('open', r));
    const answers = new Map<string, (m: { s?: number; code?: string }) => void>();
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { i: string; t?: number; p?: { s?: number; b?: { json?: { code?: string } } } };
      const settle = answers.get(m.i);
      if (!settle) return;
      answers.delete(m.i);
      settle({ s: m.p?.s, code: m.p?.b?.json?.code });
      // A stream that opened: stop it.
      if (m.t === 3 || m.p?.s === 200) ws.send(JSON.stringify({ i: m.i, t: 4 }));
    });
    let id = 0;
    let sent = 0;
    const internal: string[] = [];
    const silent: string[] = [];
    for (const [i, proc] of all.entries()) {
      for (const input of badInputs(proc.keys, 3, 1000 + i).slice(0, 8)) {
        const i2 = String(++id);
        const answer = new Promise<{ s?: number; code?: string }>((resolve) => {
          answers.set(i2, resolve);
          setTimeout(() => resolve({ s: 0, code: 'NO_ANSWER' }), 5000);
        });
        ws.send(JSON.stringify({ i: i2, p: { u: `/${proc.path.replaceAll('.', '/')}`, h: { 'x-medins-session': token }, b: { json: input } } }));
        sent++;
        const a = await answer;
        if (a.code === 'NO_ANSWER') silent.push(proc.path);
        if (a.code === 'INTERNAL' || (a.s !== undefined && a.s >= 500 && a.code !== 'DEVICE_ERROR' && a.code !== 'DB_UNAVAILABLE')) internal.push(`${proc.path} ${a.s} ${a.code}`);
      }
    }
    ws.close();
    console.log(`fuzz WebSocket: ${sent} messages to ${all.length} procedures, ${internal.length} INTERNAL, ${silent.length} unanswered in 5 s (${[...new Set(silent)].join(', ')}), host ${exited === null ? 'alive' : `exited ${exited}`}`);
    expect(internal).toEqual([]);
    expect(exited).toBeNull();
  }, 120_000);
});

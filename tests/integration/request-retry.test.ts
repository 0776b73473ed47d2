import { createORPCClient } from '@orpc/client';
import { RPCLink as FetchLink } from '@orpc/client/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { keepRequest } from '../../electron/core/rpc/client-requests';
import { requestIdInterceptor, withRequestId } from '../../renderer/api/request-id';
import type { TestClient } from '../fixtures/clients';
import { preparedCore, tokenFor } from '../fixtures/hall';
import { enrolmentInput } from '../fixtures/cases';
import { tempDir } from '../fixtures/temp';
import { onPostgres, usePostgres } from '../fixtures/postgres';

let core: Core;
let host: WebHost;
let clerk: string;
const dataDir = tempDir('medins-retry-');
if (onPostgres) usePostgres(dataDir);

beforeAll(async () => {
  core = await preparedCore(dataDir);
  clerk = await tokenFor(core, 'clerk1');
  host = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await host.close();
  await core.close();
});

/**
 * The renderer's HTTP link, whose first call goes through to core (which commits) but whose
 * answer is lost on the way back, as when the hall network drops at that moment.
 */
function clientLosingFirstAnswer(withIds: boolean): { client: TestClient; calls: () => number } {
  let calls = 0;
  const link = new FetchLink({
    url: new URL('/rpc', host.url).toString(),
    headers: withIds ? withRequestId(() => ({ 'x-medins-session': clerk })) : { 'x-medins-session': clerk },
    interceptors: withIds ? [requestIdInterceptor()] : [],
    fetch: async (request, init) => {
      calls++;
      const response = await fetch(request, init);
      if (calls > 1) return response;
      await response.text();
      throw new TypeError('fetch failed: connection reset');
    },
  });
  return { client: createORPCClient<TestClient>(link), calls: () => calls };
}

const intakeInput = (n: number) => enrolmentInput(core, n);

const casesOf = async (idNumber: string) => (await core.db.db.selectFrom('cases').select('case_no').where('applicant_id_number', '=', idNumber).execute()).map((c) => c.case_no);

describe('a creating call retried after its answer was lost', () => {
  it('with the request id: the retry returns the first result, one case', async () => {
    const input = intakeInput(41);
    const { client, calls } = clientLosingFirstAnswer(true);
    const accepted = await client.cases.intake(input);
    expect(calls()).toBe(2);
    expect(await casesOf(input.applicant.idNumber)).toEqual([accepted.caseNo]);
  });

  it('without it (the old client) the same retry made a second case', async () => {
    const input = intakeInput(42);
    const { client } = clientLosingFirstAnswer(false);
    await expect(client.cases.intake(input)).rejects.toThrow(/connection reset/);
    await client.cases.intake(input);
    expect(await casesOf(input.applicant.idNumber)).toHaveLength(2);
  });

  it('an id reused by another caller or for another procedure is refused, not answered with someone else’s result', async () => {
    const input = intakeInput(43);
    const headers = { 'x-medins-session': clerk, 'x-medins-request-id': 'fixed-id-0001' };
    const link = (h: Record<string, string>) => createORPCClient<TestClient>(new FetchLink({ url: new URL('/rpc', host.url).toString(), headers: h }));
    const first = await link(headers).cases.intake(input);
    expect((await link(headers).cases.intake(input)).caseNo).toBe(first.caseNo);
    const admin = await tokenFor(core, 'admin');
    await expect(link({ ...headers, 'x-medins-session': admin }).users.create({ username: 'x1', displayName: '某', roles: ['clerk'], counters: [1], password: 'Start2026x' })).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
    expect(await casesOf(input.applicant.idNumber)).toHaveLength(1);
  });

  /**
   * The window between the action's commit and its answer being kept: the process is killed (or
   * the database connection drops) right after the commit. Played here by a first call whose
   * work commits and which then dies before `once` can keep its answer.
   */
  describe('the action committed but its answer was never kept', () => {
    const clerkCaller = async () => `user:${(await core.db.db.selectFrom('users').select('id').where('username', '=', 'clerk1').executeTakeFirstOrThrow()).id}`;
    /** After the call's work has committed (its result in hand), before `once` keeps the answer. */
    const dies = (_committed: unknown): never => {
      throw new Error('killed after the commit');
    };
    const link = (id: string) => createORPCClient<TestClient>(new FetchLink({ url: new URL('/rpc', host.url).toString(), headers: { 'x-medins-session': clerk, 'x-medins-request-id': id } }));

    it('a retried intake is refused with 409 and says it was done; still one case', async () => {
      const input = intakeInput(44);
      const caller = await clerkCaller();
      const clerkActor = { id: Number(caller.slice(5)), name: 'clerk1', counter: 1, transport: 'http' };
      await expect(core.services.clientRequests.once('lost-answer-0001', caller, 'cases.intake', async () => dies(await core.services.cases.intake(clerkActor, input)))).rejects.toThrow('killed');
      expect(await casesOf(input.applicant.idNumber)).toHaveLength(1);
      await expect(link('lost-answer-0001').cases.intake(input)).rejects.toMatchObject({ code: 'CONFLICT', status: 409, message: expect.stringContaining('已办理') });
      expect(await casesOf(input.applicant.idNumber)).toHaveLength(1);
    });

    it('a retried 取号 is refused the same way; still one ticket', async () => {
      await core.services.queue.ensureDefaults([1]);
      const caller = await clerkCaller();
      const before = (await core.services.queue.snapshot()).waiting.length;
      await expect(core.services.clientRequests.once('lost-answer-0002', caller, 'queue.take', async () => dies(await core.services.queue.take({ id: null, name: 'clerk1', transport: 'http' }, 'A', null, 'counter')))).rejects.toThrow('killed');
      expect((await core.services.queue.snapshot()).waiting.length).toBe(before + 1);
      await expect(link('lost-answer-0002').queue.take({ categoryId: 'A', priorityKind: null })).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
      expect((await core.services.queue.snapshot()).waiting.length).toBe(before + 1);
    });

    it('work a call leaves running after it has returned keeps nothing under its id', async () => {
      const caller = await clerkCaller();
      let later: Promise<void> | undefined;
      await expect(
        core.services.clientRequests.once('ended-0004', caller, 'cases.intake', async () => {
          // e.g. a loop the call woke, still inside the call's async context
          later = new Promise((resolve) => setTimeout(resolve, 20)).then(() => core.db.db.transaction().execute((trx) => keepRequest(trx)));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await later;
      expect(await core.db.db.selectFrom('client_requests').select('id').where('id', '=', 'ended-0004').executeTakeFirst()).toBeUndefined();
    });

    it('a call refused before it changed anything keeps no id: the retry runs again', async () => {
      const input = { ...intakeInput(45), item: 'no-such-item' };
      const caller = await clerkCaller();
      await expect(core.services.clientRequests.once('refused-0003', caller, 'cases.intake', () => core.services.cases.intake({ id: null, name: 'clerk1', transport: 'http' }, input))).rejects.toBeTruthy();
      expect(await core.db.db.selectFrom('client_requests').select('id').where('id', '=', 'refused-0003').executeTakeFirst()).toBeUndefined();
      const fixed = intakeInput(45);
      expect((await link('refused-0003').cases.intake(fixed)).caseNo).toMatch(/^\d{21}$/);
    });
  });
});

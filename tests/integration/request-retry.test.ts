import { createORPCClient } from '@orpc/client';
import { RPCLink as FetchLink } from '@orpc/client/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { startWebHost, type WebHost } from '../../electron/web/server';
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
});

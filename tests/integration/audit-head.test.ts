import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { onPostgres, usePostgres } from '../fixtures/postgres';

let core: Core;
const dataDir = tempDir('medins-audit-head-');
if (onPostgres) usePostgres(dataDir);

beforeAll(async () => {
  core = await preparedCore(dataDir);
});
afterAll(async () => {
  await core.close();
});

describe('the audit head on this dialect', () => {
  it('moves with every entry, also inside an outer transaction, and verify agrees with it', async () => {
    const { audit } = core.services;
    await audit.record({ id: null, name: 'clerk1' }, 'case.accept', 'case:1');
    await core.db.db.transaction().execute((trx) => audit.record({ id: null, name: 'clerk1' }, 'case.accept', 'case:2', {}, trx));
    const v = await audit.verify();
    expect(v).toEqual({ ok: true, checked: v.checked, brokenAt: null });
    const head = await core.db.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    const last = await core.db.db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(head).toEqual({ id: 1, entries: v.checked, last_id: last.id, last_hash: last.hash });
  });
});

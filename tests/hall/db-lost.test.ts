import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWebHost } from '../../electron/web/server';
import { applicant, sampleForm } from '../fixtures/cases';
import { httpClient } from '../fixtures/clients';
import { preparedCore, tokenFor } from '../fixtures/hall';
import { testDatabaseUrl } from '../fixtures/postgres';
import { ownDatabase } from '../fixtures/pg-database';
import { tempDir } from '../fixtures/temp';

describe('losing the hall database', { timeout: 60_000 }, () => {
  it('says so in Chinese, writes nothing half, and carries on when the database is back', async () => {
    const database = await ownDatabase(testDatabaseUrl());
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ storage: { dialect: 'postgres', postgres: { url: database.url } } }));
    const core = await preparedCore(dir);
    const host = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0 });
    try {
      const clerk = httpClient(host.url, {}, await tokenFor(core, 'clerk1'));
      const req = core.services.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] });
      const input = (n: number) => ({
        item: '002036001002',
        applicant: applicant(n),
        answers: { personType: 'employed' },
        materials: req.materials.map((m) => ({ seq: m.seq, status: 'original' as const })),
        form: sampleForm(req.fields),
        decision: 'accept' as const,
      });
      await clerk.cases.intake(input(1));
      // The header clock every screen subscribes to carries the database state (the banner).
      const ticks = await clerk.system.clock({ intervalMs: 200 });
      const nextDatabaseState = async (want: string) => {
        // next() by hand: leaving a for-await loop would close the stream.
        for (let r = await ticks.next(); !r.done; r = await ticks.next()) if (r.value.database === want) return want;
        return 'stream ended';
      };
      expect((await ticks.next()).value).toMatchObject({ database: 'ok' });

      await database.cut();
      await expect(nextDatabaseState('unavailable')).resolves.toBe('unavailable');
      const failed = await clerk.cases.intake(input(2)).then(
        () => null,
        (e: unknown) => e as { code?: string; message?: string },
      );
      expect(failed).toMatchObject({ code: 'DB_UNAVAILABLE', message: '数据库暂时无法访问，请稍后重试' });
      expect((await fetch(new URL('/healthz', host.url))).status).toBe(503);

      await database.restore();
      await expect(nextDatabaseState('ok')).resolves.toBe('ok');
      await ticks.return?.(undefined);
      // The clerk presses 受理 again: the pool opens fresh connections by itself.
      const accepted = await clerk.cases.intake(input(2));
      expect(accepted.status).toBe('accepted');
      expect((await fetch(new URL('/healthz', host.url))).status).toBe(200);
      const n = await core.db.db.selectFrom('cases').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(2);
      expect(await core.services.audit.verify()).toMatchObject({ ok: true });
    } finally {
      await host.close();
      await core.close();
      await database.drop();
    }
  });
});

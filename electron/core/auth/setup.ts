import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { readMeta, writeMeta } from '../db/meta';
import { AppError } from '../errors';
import type { SettingsStore } from '../settings/store';
import type { Role } from '../../../shared/auth/roles';
import type { z } from 'zod';
import type { setupInputSchema, setupStatusSchema } from '../../../shared/contract/auth';
import type { Actor, AuditLog } from './audit';
import { assertPasswordStrong, type UserStore } from './users';
import { SYSTEM_ACTOR } from './audit';
import { authMessages } from '../../../shared/messages/zh-CN';

/** Sample accounts of the training database; shown on its login screen, never in production. */
export const TRAINING_ACCOUNTS: { username: string; displayName: string; password: string; roles: Role[]; counters: number[] }[] = [
  { username: 'admin', displayName: '培训管理员', password: 'Train2026', roles: ['admin'], counters: [] },
  { username: 'clerk', displayName: '培训窗口员', password: 'Train2026', roles: ['clerk'], counters: [1, 2] },
  { username: 'queue', displayName: '培训引导员', password: 'Train2026', roles: ['queueManager'], counters: [] },
  { username: 'chief', displayName: '培训科长', password: 'Train2026', roles: ['supervisor', 'clerk'], counters: [3] },
];

/**
 * First run: nothing opens until an admin exists and the hall, counter and region profile are
 * named. A training database is marked as such in app_meta and seeded with sample data.
 */
export function createSetup(deps: { db: Kysely<Database>; settings: SettingsStore; users: UserStore; audit: AuditLog; training: boolean }) {
  const { db, settings, users, audit } = deps;
  let complete: boolean | undefined;

  return {
    async isComplete(): Promise<boolean> {
      complete ??= (await readMeta(db, 'setup_completed_at')) !== undefined;
      return complete;
    },

    async status(): Promise<z.infer<typeof setupStatusSchema>> {
      return {
        setupComplete: await this.isComplete(),
        training: deps.training,
        hallName: settings.get().hall.name,
        trainingAccounts: deps.training ? TRAINING_ACCOUNTS.map(({ username, password, roles }) => ({ username, password, roles })) : [],
      };
    },

    async complete(input: z.infer<typeof setupInputSchema>, transport: string | null): Promise<void> {
      if (await this.isComplete()) throw new AppError('CONFLICT', 'setup already complete', authMessages.setupAlreadyComplete);
      // Everything that can be refused is checked before anything is written.
      assertPasswordStrong(input.admin.password, 'admin.password');
      settings.update({ hall: input.hall, counter: { number: input.counter.number }, catalog: { sourceId: input.catalogSourceId } });
      const actor: Actor = { id: null, name: 'setup', transport };
      await users.create(actor, { ...input.admin, roles: ['admin'], counters: [] });
      await db.transaction().execute(async (trx) => {
        await writeMeta(trx, 'setup_completed_at', new Date().toISOString(), new Date().toISOString());
        await audit.record(actor, 'setup.complete', `hall:${input.hall.regionCode}`, { hallName: input.hall.name, counter: input.counter.number, catalog: input.catalogSourceId, admin: input.admin.username }, trx);
      });
      complete = true;
    },

    /** Idempotent: seeds only a training database that has not been seeded yet; true when it did. */
    async seedTraining(): Promise<boolean> {
      if (!deps.training || (await this.isComplete())) return false;
      await writeMeta(db, 'mode', 'training', new Date().toISOString());
      settings.update({
        hall: { name: '培训演示大厅（培训模式）', regionCode: '410100' },
        counter: { number: 1 },
        devices: { idReader: 'simulator', scanner: 'simulator' },
        // Training prints to the simulator: receipts show on screen, no paper.
        printer: { driver: 'simulator' },
        upstream: { enabled: false },
      });
      for (const account of TRAINING_ACCOUNTS) await users.create(SYSTEM_ACTOR, account);
      // Queue categories, tickets and cases join the seed as [queue] and [cases] land.
      await db.transaction().execute(async (trx) => {
        await writeMeta(trx, 'setup_completed_at', new Date().toISOString(), new Date().toISOString());
        await audit.record(SYSTEM_ACTOR, 'training.seed', null, { accounts: TRAINING_ACCOUNTS.map((a) => a.username) }, trx);
      });
      complete = true;
      return true;
    },
  };
}

export type Setup = ReturnType<typeof createSetup>;

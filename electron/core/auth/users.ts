import type { Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../db/schema';
import { AppError } from '../errors';
import { keepRequest } from '../rpc/client-requests';
import type { Role } from '../../../shared/auth/roles';
import { passwordProblem } from '../../../shared/auth/roles';
import type { UserSummary } from '../../../shared/contract/auth';
import { hashPassword } from './passwords';
import type { Actor, AuditLog } from './audit';
import { authMessages } from '../../../shared/messages/zh-CN';

export type UserRow = Selectable<UsersTable>;

export function toSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    counters: JSON.parse(row.counters) as number[],
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

export interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  counters: number[];
  password: string;
  /** Accounts an admin creates must choose their own password at first login. */
  mustChangePassword?: boolean;
}

export interface UserChanges {
  displayName?: string;
  roles?: Role[];
  counters?: number[];
  disabled?: boolean;
}

export function assertPasswordStrong(password: string, field = 'password'): void {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('PASSWORD_WEAK', `weak password: ${problem}`, problem, { [field]: problem });
}

/** The users table: creation, changes and password resets, each one audited. */
export function createUserStore(db: Kysely<Database>, audit: AuditLog, now: () => number) {
  const iso = () => new Date(now()).toISOString();

  async function byId(id: number): Promise<UserRow> {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `user ${id} not found`, authMessages.userNotFound);
    return row;
  }

  async function activeAdminsExcept(id: number): Promise<number> {
    const rows = await db.selectFrom('users').select('roles').where('disabled', '=', 0).where('id', '!=', id).execute();
    return rows.filter((r) => (JSON.parse(r.roles) as Role[]).includes('admin')).length;
  }

  return {
    byId,
    async byUsername(username: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    },
    async list(): Promise<UserSummary[]> {
      return (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(toSummary);
    },
    async count(): Promise<number> {
      return Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    },
    async create(actor: Actor, input: NewUser): Promise<UserSummary> {
      assertPasswordStrong(input.password);
      const existing = await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
      if (existing) throw new AppError('CONFLICT', `username ${input.username} exists`, authMessages.usernameTaken(input.username), { username: authMessages.usernameTakenField });
      const at = iso();
      // Hashed before the transaction: scrypt takes a while and the transaction holds the database.
      const passwordHash = await hashPassword(input.password);
      const id = await db.transaction().execute(async (trx) => {
        await keepRequest(trx);
        const created = await trx
          .insertInto('users')
          .values({
            username: input.username,
            display_name: input.displayName,
            password_hash: passwordHash,
            roles: JSON.stringify([...new Set(input.roles)]),
            counters: JSON.stringify([...new Set(input.counters)].sort((a, b) => a - b)),
            must_change_password: input.mustChangePassword ? 1 : 0,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit.record(actor, 'user.create', `user:${input.username}`, { roles: input.roles, counters: input.counters }, trx);
        return created.id;
      });
      return toSummary(await byId(id));
    },
    async update(actor: Actor, id: number, changes: UserChanges): Promise<UserSummary> {
      const before = await byId(id);
      const removesAdmin = (changes.disabled === true || (changes.roles && !changes.roles.includes('admin'))) && (JSON.parse(before.roles) as Role[]).includes('admin');
      if (removesAdmin && (await activeAdminsExcept(id)) === 0) {
        throw new AppError('CONFLICT', 'would leave no active admin', authMessages.lastAdmin);
      }
      const action = changes.disabled === true ? 'user.disable' : changes.disabled === false ? 'user.enable' : 'user.update';
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({
            ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
            ...(changes.roles ? { roles: JSON.stringify([...new Set(changes.roles)]) } : {}),
            ...(changes.counters ? { counters: JSON.stringify([...new Set(changes.counters)].sort((a, b) => a - b)) } : {}),
            ...(changes.disabled !== undefined ? { disabled: changes.disabled ? 1 : 0 } : {}),
            updated_at: iso(),
          })
          .where('id', '=', id)
          .execute();
        if (changes.disabled === true) await trx.updateTable('sessions').set({ revoked_at: iso() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
        await audit.record(actor, action, `user:${before.username}`, { ...changes }, trx);
      });
      return toSummary(await byId(id));
    },
    async setPassword(actor: Actor, id: number, password: string, mustChange: boolean, action: string): Promise<UserSummary> {
      assertPasswordStrong(password);
      const user = await byId(id);
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0, failed_attempts: 0, locked_until: null, updated_at: iso() })
          .where('id', '=', id)
          .execute();
        await audit.record(actor, action, `user:${user.username}`, {}, trx);
      });
      return toSummary(await byId(id));
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;

import type { Command } from 'commander';
import { ROLES, type Role } from '../../../shared/auth/roles';
import { CliFailure, print, withCore } from '../context';
import type { Actor } from '../../core/auth/audit';

/** The operator at the console: recorded as such in the audit log. */
const CLI_ACTOR: Actor = { id: null, name: 'cli', transport: 'cli' };

function parseRoles(value: string): Role[] {
  const roles = value.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length || roles.length === 0) throw new CliFailure(`unknown role(s) ${unknown.join(', ') || '(none)'}; use ${ROLES.join(', ')}`);
  return roles as Role[];
}

function parseCounters(value: string | undefined): number[] {
  if (!value) return [];
  const counters = value.split(',').map((c) => Number(c.trim()));
  if (counters.some((c) => !Number.isInteger(c) || c < 1 || c > 999)) throw new CliFailure(`counters must be numbers 1-999 separated by commas, got "${value}"`);
  return counters;
}

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('user accounts (every change is audited as "cli")');

  users
    .command('add')
    .description('add a user; they must change the password at first login')
    .argument('<username>')
    .requiredOption('--name <displayName>', 'the person\'s name as shown on screen')
    .requiredOption('--roles <roles>', `comma-separated: ${ROLES.join(', ')}`)
    .option('--counters <numbers>', 'comma-separated counter numbers')
    .requiredOption('--password <password>', 'initial password (8+ characters, letters and digits)')
    .option('--json', 'print JSON')
    .action(async (username: string, opts: { name: string; roles: string; counters?: string; password: string; json?: boolean }) => {
      const roles = parseRoles(opts.roles);
      const counters = parseCounters(opts.counters);
      await withCore(async (core) => {
        const user = await core.services.users.create(CLI_ACTOR, { username, displayName: opts.name, roles, counters, password: opts.password, mustChangePassword: true });
        print(opts.json === true, user, `added ${user.username} (${user.roles.join(', ')})`);
      });
    });

  users
    .command('list')
    .description('all users with roles, counters and state')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCore(async (core) => {
        const list = await core.services.users.list();
        const lines = list.map((u) => `${u.username.padEnd(16)} ${u.displayName.padEnd(8)} ${u.roles.join(',').padEnd(28)} counters ${u.counters.join(',') || '-'}${u.disabled ? '  DISABLED' : ''}`);
        print(opts.json === true, list, lines.join('\n') || '(no users)');
      });
    });

  users
    .command('disable')
    .description('disable a user and end their sessions')
    .argument('<username>')
    .option('--json', 'print JSON')
    .action(async (username: string, opts: { json?: boolean }) => {
      await withCore(async (core) => {
        const row = await core.services.users.byUsername(username);
        if (!row) throw new CliFailure(`no user named ${username}`);
        const user = await core.services.users.update(CLI_ACTOR, row.id, { disabled: true });
        print(opts.json === true, user, `disabled ${username}`);
      });
    });

  users
    .command('reset-password')
    .description('set a new password; the user must change it at next login (also clears a lockout)')
    .argument('<username>')
    .requiredOption('--password <password>', 'new password (8+ characters, letters and digits)')
    .option('--json', 'print JSON')
    .action(async (username: string, opts: { password: string; json?: boolean }) => {
      await withCore(async (core) => {
        const row = await core.services.users.byUsername(username);
        if (!row) throw new CliFailure(`no user named ${username}`);
        const user = await core.services.users.setPassword(CLI_ACTOR, row.id, opts.password, true, 'user.reset_password');
        print(opts.json === true, user, `password of ${username} reset; it must be changed at next login`);
      });
    });
}

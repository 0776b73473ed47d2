import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { backupTo } from '../../core/db/dialect/sqlite';
import { CliFailure, print, withCore } from '../context';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('bring the database to the latest schema version')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCore(async (core) => {
        const m = core.migration;
        print(opts.json === true, m, m.applied.length ? `migrated ${m.from} → ${m.to}: ${m.applied.join(', ')}` : `already at schema version ${m.to}`);
      });
    });
  db.command('backup')
    .description('consistent copy of the database (SQLite online backup), safe while the app runs')
    .argument('<file>', 'target file (must not exist)')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const target = path.resolve(file);
      if (fs.existsSync(target)) throw new CliFailure(`backup target ${target} already exists; choose a new file name`);
      if (!fs.existsSync(path.dirname(target))) throw new CliFailure(`folder ${path.dirname(target)} does not exist`);
      await withCore(async (core) => {
        if (core.db.dialect !== 'sqlite') throw new CliFailure('this counter uses the hall PostgreSQL database: back it up on the database server with pg_dump (docs/hall.md § Backups)');
        const { pages } = await backupTo(core.db, target);
        const bytes = fs.statSync(target).size;
        print(opts.json === true, { file: target, pages, bytes }, `backup written to ${target} (${bytes} bytes)`);
      });
    });
}

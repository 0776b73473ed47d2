import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { backupTo } from '../../core/db/dialect/sqlite';
import { CliFailure, print, withCore } from '../context';
import { copyToPostgres, CopyRefusedError } from '../../core/db/copy-to-postgres';
import { settingsSchema } from '../../../shared/settings/schema';

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
  db.command('copy-to-postgres')
    .description("move this counter's SQLite data into an empty hall PostgreSQL database (docs/hall.md)")
    .argument('<url>', 'postgres://owner@host:5432/db (the password from PGPASSWORD or ~/.pgpass)')
    .option('--schema <name>', 'target schema', 'public')
    .option('--tls <mode>', 'off | require | verify', 'off')
    .option('--ca <file>', 'CA certificate (PEM) for --tls verify')
    .option('--json', 'print JSON')
    .action(async (url: string, opts: { schema: string; tls: string; ca?: string; json?: boolean }) => {
      const parsed = settingsSchema.shape.storage.unwrap().shape.postgres.safeParse({ url, schema: opts.schema, tls: opts.tls, caCertFile: opts.ca, poolSize: 2 });
      if (!parsed.success) throw new CliFailure(`invalid target: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      await withCore(async (core) => {
        if (core.db.dialect !== 'sqlite') throw new CliFailure('this counter already uses PostgreSQL; copy-to-postgres moves an SQLite counter in');
        try {
          const r = await copyToPostgres(core.db, parsed.data);
          print(opts.json === true, r, [...r.tables.map((t) => `${t.table.padEnd(20)} ${t.rows}`), `copied ${r.rows} rows into schema ${r.schema}; now set storage.dialect = "postgres" in settings.json`].join('\n'));
        } catch (error) {
          if (error instanceof CopyRefusedError) throw new CliFailure(error.message);
          throw error;
        }
      });
    });
}

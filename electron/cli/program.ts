import { Command } from 'commander';
import { createCore, type Core } from '../core/core';
import { resolveDataDir } from '../core/paths';
import { backupTo } from '../core/db/dialect/sqlite';
import { APP_VERSION } from '../core/version';
import { PRODUCT_NAME } from '../../shared/system/app-info';
import { publicSettings } from '../../shared/settings/schema';

export class CliFailure extends Error {}

/** Opens core for one command and always closes it, so the WAL is checkpointed on exit. */
async function withCore<T>(fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await createCore({ dataDir: resolveDataDir(), runtime: 'cli' });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

function print(json: boolean, value: unknown, human: string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
}

export function buildProgram(): Command {
  const program = new Command('medins')
    .description(`${PRODUCT_NAME} (medins-counter) command line`)
    .version(APP_VERSION)
    .showHelpAfterError()
    .exitOverride();

  program
    .command('status')
    .description('app version, data folder, database schema version and settings summary')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCore(async (core) => {
        const status = await core.services.system.status();
        const s = publicSettings(core.services.settings.get());
        const summary = {
          appVersion: status.appVersion,
          dataDir: status.dataDir,
          db: status.db,
          settings: { hall: s.hall, counter: s.counter, catalog: s.catalog, devices: s.devices, upstream: s.upstream, webHost: s.webHost },
        };
        print(
          opts.json === true,
          summary,
          [
            `version      ${status.appVersion}`,
            `data folder  ${status.dataDir}`,
            `database     ${status.db.file} (schema ${status.db.schemaVersion}/${status.db.latestSchemaVersion}, ${status.db.journalMode})`,
            `hall         ${s.hall.name} ${s.hall.regionCode || '(no region code)'}, counter ${s.counter.number}`,
            `catalog      ${s.catalog.sourceId}`,
          ].join('\n'),
        );
      });
    });

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
      const fs = await import('node:fs');
      const path = await import('node:path');
      const target = path.resolve(file);
      if (fs.existsSync(target)) throw new CliFailure(`backup target ${target} already exists; choose a new file name`);
      if (!fs.existsSync(path.dirname(target))) throw new CliFailure(`folder ${path.dirname(target)} does not exist`);
      await withCore(async (core) => {
        const { pages } = await backupTo(core.db, target);
        const bytes = fs.statSync(target).size;
        print(opts.json === true, { file: target, pages, bytes }, `backup written to ${target} (${bytes} bytes)`);
      });
    });

  return program;
}

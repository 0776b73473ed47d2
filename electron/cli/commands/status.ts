import fs from 'node:fs';
import type { Command } from 'commander';
import { publicSettings } from '../../../shared/settings/schema';
import { print } from '../context';
import { resolveDataDir, dataPaths } from '../../core/paths';
import { profileDataDir, readActiveProfile } from '../../core/profile-folder';
import { openSettingsStore } from '../../core/settings/store';
import { closeDatabase, openDatabase } from '../../core/db/handle';
import { migrate } from '../../core/db/migrator';
import { createSystemService } from '../../core/services/system';

/**
 * Opens only what the status reads — settings and the active profile's database (migrated, as
 * core would) — not the whole of core: scripts poll `medins status --json`, and starting every
 * service took over a second.
 */
async function readStatus() {
  const paths = dataPaths(profileDataDir(resolveDataDir(), readActiveProfile(resolveDataDir())));
  fs.mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  const settings = openSettingsStore(paths.settingsFile);
  for (const warning of settings.loadWarnings) process.stderr.write(`warning: ${warning}\n`);
  const handle = await openDatabase({ storage: settings.get().storage, sqliteFile: paths.dbFile });
  try {
    const migration = await migrate(handle);
    if (migration.applied.length) process.stderr.write(`database migrated: ${migration.applied.join(', ')}\n`);
    const system = createSystemService({ runtime: 'cli', dataDir: paths.dataDir, handle, settings, startedAt: Date.now(), health: { state: () => 'ok' } });
    return { status: await system.status(), settings: publicSettings(settings.get()) };
  } finally {
    await closeDatabase(handle);
  }
}

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('app version, data folder, database schema version and settings summary')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { status, settings: s } = await readStatus();
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
}

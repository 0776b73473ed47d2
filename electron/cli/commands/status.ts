import type { Command } from 'commander';
import { publicSettings } from '../../../shared/settings/schema';
import { print, withCore } from '../context';

export function registerStatusCommand(program: Command): void {
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
}

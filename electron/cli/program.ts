import { Command } from 'commander';
import { APP_VERSION } from '../core/version';
import { PRODUCT_NAME } from '../../shared/system/app-info';
import { registerStatusCommand } from './commands/status';
import { registerDbCommands } from './commands/db';
import { registerUsersCommands } from './commands/users';
import { registerAuditCommands } from './commands/audit';
import { registerQueueCommands } from './commands/queue';
import { registerCatalogCommands } from './commands/catalog';
import { registerIdcardCommands } from './commands/idcard';
import { registerCalendarCommands } from './commands/calendar';
import { registerIdCommands } from './commands/id';
import { registerStatsCommands } from './commands/stats';
import { registerCasesCommands } from './commands/cases';
import { registerSyncCommands } from './commands/sync';
import { registerPrintCommands } from './commands/print';
import { registerScanCommands } from './commands/scan';

/** Every command lives in commands/<name>.ts and is registered here. */
export function buildProgram(): Command {
  const program = new Command('medins')
    .description(`${PRODUCT_NAME} (medins-counter) command line`)
    .version(APP_VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerStatusCommand(program);
  registerDbCommands(program);
  registerUsersCommands(program);
  registerAuditCommands(program);
  registerQueueCommands(program);
  registerCatalogCommands(program);
  registerIdcardCommands(program);
  registerCalendarCommands(program);
  registerIdCommands(program);
  registerStatsCommands(program);
  registerCasesCommands(program);
  registerSyncCommands(program);
  registerPrintCommands(program);
  registerScanCommands(program);
  return program;
}

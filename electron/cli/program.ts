import { Command } from 'commander';
import { APP_VERSION } from '../core/version';
import { PRODUCT_NAME } from '../../shared/system/app-info';

type Register = (program: Command) => void;

/**
 * Every command lives in commands/<name>.ts and is listed here. Each is loaded only when it is
 * the one asked for (all of them for --help or a mistyped name): the built CLI is split per
 * command, so `medins status` does not load the PDF, image, printer and spreadsheet libraries
 * the other commands need — that kept every call above a second.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  status: async () => (await import('./commands/status')).registerStatusCommand,
  db: async () => (await import('./commands/db')).registerDbCommands,
  users: async () => (await import('./commands/users')).registerUsersCommands,
  audit: async () => (await import('./commands/audit')).registerAuditCommands,
  queue: async () => (await import('./commands/queue')).registerQueueCommands,
  catalog: async () => (await import('./commands/catalog')).registerCatalogCommands,
  idcard: async () => (await import('./commands/idcard')).registerIdcardCommands,
  calendar: async () => (await import('./commands/calendar')).registerCalendarCommands,
  id: async () => (await import('./commands/id')).registerIdCommands,
  stats: async () => (await import('./commands/stats')).registerStatsCommands,
  cases: async () => (await import('./commands/cases')).registerCasesCommands,
  sync: async () => (await import('./commands/sync')).registerSyncCommands,
  print: async () => (await import('./commands/print')).registerPrintCommands,
  scan: async () => (await import('./commands/scan')).registerScanCommands,
};

/** The program for these arguments: the named command only, or every command. */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('medins')
    .description(`${PRODUCT_NAME} (medins-counter) command line`)
    .version(APP_VERSION)
    .showHelpAfterError()
    .exitOverride();
  const named = argv.find((arg) => !arg.startsWith('-'));
  const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) register(program);
  return program;
}

import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { dataPaths, tightenDataFolder, type DataPaths } from './paths';
import { closeDatabase, openDatabase, type DatabaseHandle } from './db/handle';
import { openHallEvents, type HallEvents } from './db/hall-events';
import { migrate, type MigrationResult } from './db/migrator';
import { openSettingsStore, type SettingsStore } from './settings/store';
import { createLogger, silentLogger, type Logger } from './logging/logger';
import { watchDatabase, type DatabaseHealth } from './db/health';
import { createSystemService, type Runtime, type SystemService } from './services/system';
import { publicSettings } from '../../shared/settings/schema';
import { APP_VERSION } from './version';
import { createCatalogService, type CatalogService } from './catalog/service';
import { resolveCatalogDir } from './catalog/location';
import { createAuditLog, type AuditLog } from './auth/audit';
import { createUserStore, type UserStore } from './auth/users';
import { createSessions, type Sessions } from './auth/sessions';
import { createSetup, type Setup } from './auth/setup';
import { AppError } from './errors';
import { createCaseService, type CaseService } from './cases/service';
import { createQueueService, type QueueService } from './queue/service';
import { createAppointmentService, type AppointmentService } from './appointments/service';
import { seedTrainingSamples } from './training';
import { createReaderService, type ReaderService } from './devices/service';
import { createCalendarService, type CalendarService } from './calendar/service';
import { calendarOverlayFile, resolveBundledCalendarFile } from './calendar/location';
import { recomputeProvisionalDueDates } from './cases/provisional';
import { createStatsService, type StatsService } from './stats/service';
import { createEvaluations, type Evaluations } from './stats/evaluations';
import { createSyncService, type SyncService } from './sync/worker';
import { createKioskPin, type KioskPin } from './auth/kiosk-pin';
import { createPrintingService, stationId, type PrintingService } from './printing/service';
import { stationLeaseHolder } from './db/leases';
import { createClientRequests, type ClientRequests } from './rpc/client-requests';
import { createAttachmentStore, type AttachmentStore } from './attachments/store';
import { createPageStore, type PageStore } from './attachments/pages';
import { createScanningService, type ScanningService } from './scanning/service';
import { systemMessages } from '../../shared/messages/zh-CN';

export type Profile = 'production' | 'training';

// Validation messages reach clerks: have zod speak Chinese in core.
z.config(z.locales.zhCN());

export interface CoreServices {
  logger: Logger;
  settings: SettingsStore;
  system: SystemService;
  catalog: CatalogService;
  /** 工作日历: shipped holidays.json + imported overlay; due dates. */
  calendar: CalendarService;
  audit: AuditLog;
  users: UserStore;
  sessions: Sessions;
  setup: Setup;
  cases: CaseService;
  queue: QueueService;
  /** 预约办理: plans, closed days, bookings and check-in (appointments/service.ts). */
  appointments: AppointmentService;
  /** ID-card, 社保卡 and 医保电子凭证 readers (devices/service.ts); drivers start on first use. */
  readers: ReaderService;
  /** 统计: day / range reports, drill-down, export (stats/service.ts). */
  stats: StatsService;
  /** 好差评: ratings and low-rating follow-ups (stats/evaluations.ts). */
  evaluations: Evaluations;
  /** Upstream sync of closed cases (sync/worker.ts); the loop runs only where a host started it. */
  sync: SyncService;
  /** The admin PIN of the locked kiosk window and its one-time exit grants (auth/kiosk-pin.ts). */
  kioskPin: KioskPin;
  /** 小票打印: templates, the job queue, the printer and its simulator (printing/service.ts). */
  printing: PrintingService;
  /** Scanned pages: the content-addressed file store and the pages of each case's materials. */
  attachments: { store: AttachmentStore; pages: PageStore };
  /** 扫描 / 拍照 into a material (scanning/service.ts). */
  scanning: ScanningService;
  /** First answers to creating calls, by the client's request id (rpc/client-requests.ts). */
  clientRequests: ClientRequests;
  /** A marked training database: seeded with samples, never synced upstream. */
  training: boolean;
  /** Reopens core on the other profile (production / training); provided by the host. */
  switchProfile(profile: Profile): Promise<void>;
  now(): number;
  publicSettings(): ReturnType<typeof publicSettings>;
}

export interface Core {
  paths: DataPaths;
  services: CoreServices;
  db: DatabaseHandle;
  migration: MigrationResult;
  close(): Promise<void>;
}

export interface CoreOptions {
  dataDir: string;
  runtime: Runtime;
  /** Echo logs to stderr as well as the log file. */
  logEcho?: boolean;
  /** Tests pass false to keep log files out of their temp folders' way. */
  logToFile?: boolean;
  /** The folder of catalog sources; default resources/catalog (see catalog/location.ts). */
  catalogDir?: string;
  /** The shipped holidays.json; default resources/calendar/holidays.json (see calendar/location.ts). */
  calendarFile?: string;
  /** Open (and seed on first use) the marked training database. */
  training?: boolean;
  switchProfile?: (profile: Profile) => Promise<void>;
  /** Tests move time (lockout, idle lock) through this clock. */
  now?: () => number;
  /** Start the upstream sync loop (web host and Electron core-host; never the CLI or training). */
  syncWorker?: boolean;
  /** resources/templates by default (see printing/templates.ts). */
  templatesDir?: string;
  /** scanimage's environment; tests point SANE_CONFIG_DIR at the SANE test backend. */
  scannerEnv?: NodeJS.ProcessEnv;
}

/**
 * The composition root: opens settings, the log, and the database (migrated), and wires the
 * services. Every host (Electron utility process, web host, CLI, tests) starts core through here.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const startedAt = Date.now();
  const paths = dataPaths(options.dataDir);
  fs.mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  const log = options.logToFile === false ? { logger: silentLogger(), close: async () => {} } : await createLogger({ logDir: paths.logDir, echo: options.logEcho });
  const logger = log.logger;
  const tightened = tightenDataFolder(paths.dataDir);
  if (tightened.notDone) logger.warn({ dataDir: paths.dataDir, reason: tightened.notDone }, 'data folder not made owner-only');
  else if (tightened.changed.length) logger.info({ changed: tightened.changed }, 'data folder and its files made owner-only');
  // The catalog check runs only on updates, after the catalog below has loaded.
  const settings = openSettingsStore(paths.settingsFile, {
    check: (next): Record<string, string> => {
      const reason = catalog.checkSourceId(next.catalog.sourceId);
      return reason ? { 'catalog.sourceId': reason } : {};
    },
  });
  for (const warning of settings.loadWarnings) logger.warn(warning);
  const catalog = createCatalogService({
    dir: resolveCatalogDir(options.catalogDir),
    logger,
    configuredSourceId: () => settings.get().catalog.sourceId,
  });
  if (catalog.activeSourceId() !== settings.get().catalog.sourceId) {
    logger.warn({ configured: settings.get().catalog.sourceId, using: catalog.activeSourceId() }, 'configured catalog source is not loaded; using another');
  }

  let db: DatabaseHandle | undefined;
  let hall: HallEvents | undefined;
  let health: DatabaseHealth | undefined;
  try {
    db = await openDatabase({
      storage: settings.get().storage,
      sqliteFile: paths.dbFile,
      onPoolError: (error) => {
        logger.warn({ err: error }, 'hall database connection lost while idle; the pool reconnects on next use');
        health?.markLost();
      },
    });
    const migration = await migrate(db);
    if (migration.applied.length) logger.info({ migration }, 'database migrated');
    health = watchDatabase(db, { logger });
    const now = options.now ?? Date.now;
    // The header clock is core's clock (a training / test clock included), so screens and core agree on the day.
    const system = createSystemService({ runtime: options.runtime, dataDir: paths.dataDir, handle: db, settings, startedAt, health, now });
    const training = options.training === true;
    const database = db.db;
    const audit = createAuditLog(database, now);
    const calendar = createCalendarService({
      bundledFile: resolveBundledCalendarFile(options.calendarFile),
      overlayFile: calendarOverlayFile(paths.dataDir),
      logger,
      audit,
      now,
      recomputeProvisional: (imported) => recomputeProvisionalDueDates({ db: database, catalog, now }, imported),
    });
    const users = createUserStore(db.db, audit, now);
    const sessions = createSessions({ db: db.db, users, audit, settings: () => settings.get(), now, training: () => training });
    const setup = createSetup({ db: db.db, settings, users, audit, training });
    const seededTraining = await setup.seedTraining();
    hall = await openHallEvents(db, logger);
    const queue = createQueueService({ db: db.db, sqlite: db.dialect === 'sqlite' ? db.raw : undefined, settings, audit, now, hall });
    // Hall mode points the store at a shared folder (scanning.attachmentsDir, settings.json only).
    const store = createAttachmentStore(settings.get().scanning.attachmentsDir || path.join(paths.dataDir, 'attachments'));
    const pages = createPageStore({ db: db.db, store, audit, now, hallName: () => settings.get().hall.name });
    const cases = createCaseService({ db: db.db, catalog, calendar, settings, audit, now, training, attachmentsFor: pages.attachmentsFor });
    // A hall that has finished setup gets the default lines and its own counter once.
    if (await setup.isComplete()) await queue.ensureDefaults(training ? [1, 2, 3] : [settings.get().counter.number]);
    const appointments = createAppointmentService({ db: db.db, queue, calendar, audit, settings, logger, now });
    const services: CoreServices = {
      logger,
      settings,
      system,
      catalog,
      calendar,
      audit,
      users,
      sessions,
      setup,
      queue,
      appointments,
      cases,
      stats: createStatsService({ db: db.db, cases, catalog, calendar, settings, now }),
      evaluations: createEvaluations({ db: db.db, settings, audit, now }),
      readers: createReaderService({ settings: () => settings.get(), logger, now }),
      sync: createSyncService({ db: db.db, settings, logger, audit, now, training, attachments: store, leaseHolder: stationLeaseHolder(stationId(paths.dataDir)), exchanges: [appointments.exchange] }),
      attachments: { store, pages },
      scanning: createScanningService({ settings: () => settings.get(), pages, audit, logger, env: options.scannerEnv }),
      kioskPin: createKioskPin({ db: db.db, audit, settings, now }),
      printing: createPrintingService({ db: db.db, settings, cases, queue, audit, logger, now, dataDir: paths.dataDir, templatesDir: options.templatesDir }),
      clientRequests: createClientRequests({ db: db.db, now }),
      training,
      now,
      switchProfile:
        options.switchProfile ??
        (async () => {
          throw new AppError('CONFLICT', 'this host cannot switch profiles', systemMessages.profileSwitchUnsupported);
        }),
      publicSettings: () => publicSettings(settings.get()),
    };
    // Tickets and cases come after the services exist; a failure here must not block training.
    if (seededTraining) await seedTrainingSamples(services).catch((error: unknown) => logger.warn({ err: error }, 'training samples not seeded'));
    if (options.syncWorker === true) services.sync.start();
    // The CLI runs one command and leaves; every other host prints queued jobs (also after a restart).
    if (options.runtime !== 'cli') await services.printing.start();
    logger.info({ version: APP_VERSION, runtime: options.runtime, dataDir: paths.dataDir, dialect: db.dialect }, 'core started');
    const handle = db;
    const hallEvents = hall;
    const databaseHealth = health;
    let closed = false;
    return {
      paths,
      services,
      db: handle,
      migration,
      async close() {
        if (closed) return;
        closed = true;
        logger.info('core stopping');
        services.sync.stop();
        await services.printing.stop();
        await services.readers.close().catch((e: unknown) => logger.warn({ err: e }, 'readers did not stop cleanly'));
        await hallEvents.close();
        databaseHealth.stop();
        await closeDatabase(handle);
        await log.close();
      },
    };
  } catch (error) {
    logger.error({ err: error }, 'core failed to start');
    await hall?.close();
    health?.stop();
    if (db) await closeDatabase(db).catch(() => undefined);
    await log.close();
    throw error;
  }
}

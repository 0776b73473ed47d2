import { migration0001 } from './0001_app_meta';
import { migration0002 } from './0002_users_sessions_audit';
import { migration0003 } from './0003_cases';
import { migration0004 } from './0004_queue';
import { migration0005 } from './0005_sync';
import { migration0006 } from './0006_stats';
import { migration0007 } from './0007_print_jobs';
import { migration0008 } from './0008_leases';
import { migration0009 } from './0009_case_pages';
import { migration0010 } from './0010_print_job_station';
import { migration0011 } from './0011_counter_visit';
import { migration0012 } from './0012_hardening';
import { migration0013 } from './0013_hall_time';
import { migration0014 } from './0014_queue_engine';
import { migration0015 } from './0015_queue_audit';
import { migration0016 } from './0016_appointments';
import { migration0017 } from './0017_booking_events';
import type { Migration } from './types';

/** Every migration in order. Add a file per change; never edit one that has shipped. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017];

export const LATEST_SCHEMA_VERSION = migrations.length;

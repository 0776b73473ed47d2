import { migration0001 } from './0001_app_meta';
import type { Migration } from './types';

/** Every migration in order. Add a file per change; never edit one that has shipped. */
export const migrations: readonly Migration[] = [migration0001];

export const LATEST_SCHEMA_VERSION = migrations.length;

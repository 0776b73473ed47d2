import fs from 'node:fs';
import path from 'node:path';
import type { Profile } from './core';

/**
 * Where each profile keeps its data: the real database in the data folder, the training one in
 * <data folder>/training; profile.json names the active one. Apart from profiles.ts so that a
 * reader (`medins status`) finds the active database without loading the whole of core.
 */
export function profileDataDir(rootDir: string, profile: Profile): string {
  return profile === 'training' ? path.join(rootDir, 'training') : rootDir;
}

export function readActiveProfile(rootDir: string): Profile {
  try {
    const value = (JSON.parse(fs.readFileSync(path.join(rootDir, 'profile.json'), 'utf8')) as { active?: string }).active;
    return value === 'training' ? 'training' : 'production';
  } catch {
    return 'production';
  }
}

import fs from 'node:fs';

/** Debian's chromium package, or MEDINS_CHROMIUM; Playwright's own download is not reachable. */
export function chromiumPath(): string {
  return process.env.MEDINS_CHROMIUM ?? '/usr/bin/chromium';
}

export function chromiumInstalled(): boolean {
  return fs.existsSync(chromiumPath());
}

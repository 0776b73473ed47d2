import fs from 'node:fs';
import type { Command } from 'commander';
import { CliFailure, print, withCore } from '../context';

const day = /^\d{4}-\d{2}-\d{2}$/;

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the append-only audit log');
  audit
    .command('export')
    .description('entries between two hall-time days (inclusive) as JSON lines, with the chain check; the export is itself audited')
    .option('--from <YYYY-MM-DD>', 'first day')
    .option('--to <YYYY-MM-DD>', 'last day')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: { from?: string; to?: string; out?: string }) => {
      for (const [name, value] of [['--from', opts.from], ['--to', opts.to]] as const) {
        if (value !== undefined && !day.test(value)) throw new CliFailure(`${name} must be YYYY-MM-DD, got "${value}"`);
      }
      await withCore(async (core) => {
        const { entries } = await core.services.audit.list({ from: opts.from, to: opts.to, limit: 10_000_000 });
        const verify = await core.services.audit.verify();
        await core.services.audit.record({ id: null, name: 'cli', transport: 'cli' }, 'audit.export', null, { from: opts.from, to: opts.to, rows: entries.length });
        const lines = [...entries].reverse().map((e) => JSON.stringify(e));
        const text = lines.join('\n') + (lines.length ? '\n' : '');
        if (opts.out) fs.writeFileSync(opts.out, text, { mode: 0o600 });
        else process.stdout.write(text);
        const summary = `${entries.length} entries${opts.out ? ` written to ${opts.out}` : ''}; chain ${verify.ok ? `intact (${verify.checked} checked)` : `BROKEN at entry ${verify.brokenAt}`}`;
        process.stderr.write(`${summary}\n`);
        if (!verify.ok) process.exitCode = 1;
      });
    });
  audit
    .command('verify')
    .description('check the hash chain; exit 1 when an entry was changed or removed')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCore(async (core) => {
        const v = await core.services.audit.verify();
        print(opts.json === true, v, v.ok ? `audit chain intact: ${v.checked} entries` : v.tail ? `audit chain BROKEN: its newest entries were removed (head names more than the ${v.checked} present, from entry ${v.brokenAt})` : `audit chain BROKEN at entry ${v.brokenAt} (${v.checked} entries before it are intact)`);
        if (!v.ok) process.exitCode = 1;
      });
    });
}

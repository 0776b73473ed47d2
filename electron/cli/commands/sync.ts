import type { Command } from 'commander';
import { print, withCore } from '../context';

const CLI_ACTOR = { id: null, name: 'cli', transport: 'cli' };

/** 上传同步 from the command line: status, one round now, manual resend (docs/upstream-protocol.md). */
export function registerSyncCommands(program: Command): void {
  const sync = program.command('sync').description('upstream sync of closed cases (上传同步)');
  sync
    .command('status')
    .description('pending, failed, needs attention and last success')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCore(async (core) => {
        const s = await core.services.sync.status();
        const attention = await core.services.sync.list({ group: 'needsAttention', limit: 20 });
        const failed = await core.services.sync.list({ group: 'failed', limit: 20 });
        const lines = [
          `upstream     ${s.enabled ? (s.configured ? 'enabled' : 'enabled, not configured (url, keyId, secret)') : s.training ? 'off (training: never synced)' : 'disabled'}`,
          `pending      ${s.pending}${s.unknown ? ` (${s.unknown} awaiting confirmation)` : ''}`,
          `failed       ${s.failed}`,
          `attention    ${s.needsAttention}`,
          `acked        ${s.acked}`,
          `last success ${s.lastSuccessAt ?? '-'}`,
          ...[...failed.items, ...attention.items].map((i) => `  ${i.caseNo} ${i.status}: ${i.lastError ?? ''}`),
        ];
        print(opts.json === true, { ...s, failedItems: failed.items, needsAttentionItems: attention.items }, lines.join('\n'));
      });
    });
  sync
    .command('run-once')
    .alias('run')
    .description('push one round of due items now (the app does this by itself when upstream is enabled)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCore(async (core) => {
        const r = await core.services.sync.runOnce();
        print(opts.json === true, r, r.skipped ? `skipped: ${r.skipped}` : `${r.processed} processed, ${r.acked} acked, ${r.failed} failed${r.offline ? ', upstream unreachable' : ''}`);
      });
    });
  sync
    .command('resend')
    .description('resend a failed or 需人工处理 item under its own message id')
    .argument('<id>', 'outbox id, case number or message id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withCore(async (core) => {
        const item = await core.services.sync.resend(CLI_ACTOR, id);
        print(opts.json === true, item, `${item.caseNo} queued again (${item.status}), message ${item.msgId}`);
      });
    });
}

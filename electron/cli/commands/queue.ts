import type { Command } from 'commander';
import { print, withCore } from '../context';

const CLI_ACTOR = { id: null, name: 'cli', transport: 'cli' };

export function registerQueueCommands(program: Command): void {
  const queue = program.command('queue').description('the ticket queue (取号 / 叫号)');
  queue
    .command('status')
    .description('waiting counts per category, counters and the line in calling order')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCore(async (core) => {
        const s = await core.services.queue.snapshot();
        const lines = [
          `queue day ${s.day}, ${s.waiting.length} waiting`,
          ...s.categories.map((c) => `  ${c.id} ${c.name}: ${c.waiting} waiting, ${c.taken} taken${c.dailyCap ? ` of ${c.dailyCap}` : ''}, ~${c.estimatedWaitMinutes} min`),
          ...s.counters.map((k) => `  counter ${k.number}: ${k.open ? (k.pausedReason ? `paused (${k.pausedReason})` : 'open') : 'closed'}${k.current ? `, ${k.current.label} ${k.current.status}` : ''}`),
        ];
        print(opts.json === true, s, lines.join('\n'));
      });
    });
  queue
    .command('take')
    .description('take a ticket, as the kiosk does')
    .argument('<category>', 'category letter, e.g. A')
    .option('--priority <kind>', 'priority kind, e.g. 老年人')
    .option('--json', 'print JSON')
    .action(async (category: string, opts: { priority?: string; json?: boolean }) => {
      await withCore(async (core) => {
        const r = await core.services.queue.take(CLI_ACTOR, category.toUpperCase(), opts.priority ?? null, 'cli');
        print(opts.json === true, r, `${r.ticket.label} (${r.ticket.categoryName}${r.ticket.priorityKind ? `, ${r.ticket.priorityKind}` : ''}): ${r.ahead} ahead, ~${r.estimatedWaitMinutes} min`);
      });
    });
}

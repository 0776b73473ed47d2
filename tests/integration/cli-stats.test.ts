import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli';
import { tempDir } from '../fixtures/temp';
import { preparedCore } from '../fixtures/hall';
import { employeeEnrolment } from '../fixtures/cases';
import type { StatsReport } from '../../shared/contract/stats';

const CLERK = { id: 2, name: 'clerk1', counter: 1, transport: 'direct' };

// Each CLI run is a fresh Node process (slow on a loaded machine).
describe('medins stats daily', { timeout: 120_000 }, () => {
  it('prints a past day as JSON and in words; refuses a bad date with exit 1', async () => {
    const dir = tempDir();
    let t = Date.parse('2026-03-02T09:00:00+08:00');
    const core = await preparedCore(dir, { now: () => t });
    await core.services.queue.ensureDefaults([1]);
    await core.services.queue.setOpen(CLERK, 1, true);
    const a = await core.services.queue.take(CLERK, 'A', null, 'kiosk');
    t += 300_000; // 5 min waiting
    await core.services.queue.call(CLERK, a.ticket.id, 1);
    await core.services.queue.start(CLERK, a.ticket.id);
    t += 120_000; // 2 min serving
    await employeeEnrolment(core, {}, 1);
    await core.services.queue.finish(CLERK, a.ticket.id);
    await core.close();

    const json = await runCli(['stats', 'daily', '--date', '2026-03-02', '--json'], dir);
    expect(json.code, json.stderr).toBe(0);
    const r = JSON.parse(json.stdout) as StatsReport;
    expect(r.totals).toMatchObject({ taken: 1, served: 1, waitMeanSec: 300, serviceMeanSec: 120, accepted: 1 });

    const words = await runCli(['stats', 'daily', '--date', '2026-03-02', '--group-by', 'counter'], dir);
    expect(words.stdout).toContain('1 tickets taken, 1 served');
    expect(words.stdout).toContain('1号窗口');

    const bad = await runCli(['stats', 'daily', '--date', '2026-11-31x'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('not a date');
  });
});

import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli';
import { tempDir } from '../fixtures/temp';
import { preparedCore } from '../fixtures/hall';
import { applicant, employeeEnrolment } from '../fixtures/cases';
import type { CaseDetail, CaseSummary } from '../../shared/contract/cases';

/** Three cases created through core: two accepted on Mon 11-23 and Tue 11-24, one 补正 on 11-24. */
async function hallWithCases(): Promise<{ dir: string; accepted: CaseDetail[]; correction: CaseDetail }> {
  const dir = tempDir();
  let t = Date.parse('2026-11-23T09:00:00+08:00');
  const core = await preparedCore(dir, { now: () => t });
  const first = await employeeEnrolment(core, {}, 1);
  t = Date.parse('2026-11-24T10:00:00+08:00');
  const second = await employeeEnrolment(core, {}, 2);
  const req = core.services.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] });
  const correction = await employeeEnrolment(core, { decision: 'requestCorrection', reason: '材料不全', materials: req.materials.map((m, i) => ({ seq: m.seq, status: i === 0 ? 'missing' : 'original' })) }, 3);
  await core.close();
  return { dir, accepted: [first, second], correction };
}

// Each CLI run is a fresh Node process (~1 s idle, much more on a loaded 2-core machine).
describe('medins cases', { timeout: 120_000 }, () => {
  it('lists cases newest first, filtered by status and day, with names and ID numbers masked', async () => {
    const { dir, accepted, correction } = await hallWithCases();

    const all = await runCli(['cases', 'list', '--json'], dir);
    expect(all.code, all.stderr).toBe(0);
    const listed = JSON.parse(all.stdout) as { cases: CaseSummary[]; total: number };
    expect(listed.total).toBe(3);
    expect(listed.cases.map((c) => c.caseNo)).toEqual([correction.caseNo, accepted[1]!.caseNo, accepted[0]!.caseNo]);
    for (const n of [1, 2, 3]) {
      expect(all.stdout).not.toContain(applicant(n).idNumber);
      expect(all.stdout).not.toContain(applicant(n).name);
    }
    expect(listed.cases[2]!.applicantIdMasked).toMatch(/^4101\*{10}[0-9X]{4}$/);

    const byStatus = JSON.parse((await runCli(['cases', 'list', '--status', 'correction_requested', '--json'], dir)).stdout) as { cases: CaseSummary[] };
    expect(byStatus.cases.map((c) => c.caseNo)).toEqual([correction.caseNo]);

    const monday = JSON.parse((await runCli(['cases', 'list', '--from', '2026-11-23', '--to', '2026-11-23', '--json'], dir)).stdout) as { cases: CaseSummary[] };
    expect(monday.cases.map((c) => c.caseNo)).toEqual([accepted[0]!.caseNo]);
    const fromTuesday = JSON.parse((await runCli(['cases', 'list', '--from', '2026-11-24', '--json'], dir)).stdout) as { cases: CaseSummary[] };
    expect(fromTuesday.cases).toHaveLength(2);

    const human = await runCli(['cases', 'list', '--status', 'accepted'], dir);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(accepted[0]!.caseNo);
    expect(human.stdout).toContain('已受理');
    expect(human.stdout).toContain('职工参保登记');
    expect(human.stdout).toContain('(2 of 2)');
    expect(human.stdout).not.toContain(applicant(1).idNumber);
  });

  it('shows one case in full as JSON, masked for people, and audits the view', async () => {
    const { dir, accepted } = await hallWithCases();
    const c = accepted[0]!;

    const json = await runCli(['cases', 'show', c.caseNo, '--json'], dir);
    expect(json.code, json.stderr).toBe(0);
    const detail = JSON.parse(json.stdout) as CaseDetail;
    expect(detail).toMatchObject({ caseNo: c.caseNo, status: 'accepted', itemName: '职工参保登记', queryCode: c.queryCode, dueDate: '2026-11-30' });
    expect(detail.applicant.idNumber).toBe(applicant(1).idNumber);
    expect(detail.history.map((h) => h.action)).toEqual(['accept']);
    expect(detail.documents.map((d) => d.kind)).toEqual(['acceptanceReceipt']);

    const human = await runCli(['cases', 'show', c.caseNo], dir);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`查询码  ${c.queryCode}`);
    expect(human.stdout).toContain('办结期限 2026-11-30');
    expect(human.stdout).not.toContain(applicant(1).idNumber);
    expect(human.stdout).toContain(`4101**********${applicant(1).idNumber.slice(-4)}`);

    const audit = await runCli(['audit', 'export'], dir);
    const views = audit.stdout.trim().split('\n').map((l) => JSON.parse(l) as { actor: string; action: string; target: string }).filter((e) => e.action === 'person.view');
    expect(views).toEqual([expect.objectContaining({ actor: 'cli', target: `case:${c.caseNo}` }), expect.objectContaining({ actor: 'cli', target: `case:${c.caseNo}` })]);
  });

  it('exits 1 with a message for an unknown case or bad options', async () => {
    const { dir } = await hallWithCases();
    const missing = await runCli(['cases', 'show', '410100202611239990001', '--json'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('未找到办件 410100202611239990001');
    expect(missing.stdout).toBe('');

    const malformed = await runCli(['cases', 'show', '12345'], dir);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('办件编号为21或22位数字');

    const status = await runCli(['cases', 'list', '--status', 'done'], dir);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/unknown status "done"; use one of accepted, /);

    const day = await runCli(['cases', 'list', '--from', '2026-13-01'], dir);
    expect(day.code).toBe(1);
    expect(day.stderr).toContain('--from must be a date YYYY-MM-DD');
  });
});

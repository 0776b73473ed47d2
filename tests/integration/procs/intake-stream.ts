// A counter accepting cases as fast as it can, for the crash test (tests/integration/
// intake-crash.test.ts, bench/intake-crash.ts): opens core on the data folder it is given, says
// 'ready', then accepts one case after another and reports each case number once intake()
// has returned (committed). The parent kills it with SIGKILL at some point of the stream.
import { createCore } from '../../../electron/core/core';
import { CLERK, applicant, sampleForm } from '../../fixtures/cases';

export type StreamMessage = { kind: 'ready' } | { kind: 'accepted'; caseNo: string } | { kind: 'failed'; error: string };

const [dataDir, offsetArg] = process.argv.slice(2);
const send = (m: StreamMessage) => process.send!(m);

async function main(): Promise<void> {
  const core = await createCore({ dataDir: dataDir!, runtime: 'test', logToFile: false });
  const req = core.services.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] });
  const form = sampleForm(req.fields);
  const materials = req.materials.map((m) => ({ seq: m.seq, status: 'original' as const }));
  send({ kind: 'ready' });
  for (let i = Number(offsetArg ?? 0); ; i++) {
    const d = await core.services.cases.intake(CLERK, { item: '002036001002', applicant: applicant(i), answers: { personType: 'employed' }, materials, form, decision: 'accept' });
    send({ kind: 'accepted', caseNo: d.caseNo });
  }
}

main().catch((error: unknown) => {
  send({ kind: 'failed', error: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exitCode = 1;
});

// `npx tsx bench/intake-crash.ts [rounds]`: the issue-18 crash measurement. A counter process
// accepts cases in a stream and is killed with SIGKILL at a different point each round (20 by
// default); then the stored cases are checked for their case.accept audit entry and the audit
// chain is verified. Not a *.bench.ts suite: it counts defects, it has no baseline to time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preparedCore } from '../tests/fixtures/hall';
import { buildIntakeStream, crashIntakes } from '../tests/fixtures/intake-crash';

const rounds = Number(process.argv[2] ?? 20);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-bench-crash-'));
try {
  await buildIntakeStream();
  await (await preparedCore(dir)).close();
  const started = performance.now();
  const r = await crashIntakes(dir, rounds, (round) => 5 + ((round * 37) % 120));
  console.log(`intake crash: ${r.rounds} × kill -9 during a stream of intakes in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  console.log(`  acknowledged by intake() ${r.acknowledged}, stored ${r.stored}, acknowledged but lost ${r.lost.length}`);
  console.log(`  stored cases without their case.accept audit row: ${r.withoutAudit.length}${r.withoutAudit.length ? ` (${r.withoutAudit.slice(0, 5).join(', ')}…)` : ''}`);
  console.log(`  audit verify: ${r.chain.ok ? `intact (${r.chain.checked} entries)` : `BROKEN at ${r.chain.brokenAt}`}`);
  if (r.withoutAudit.length || r.lost.length || !r.chain.ok) process.exitCode = 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

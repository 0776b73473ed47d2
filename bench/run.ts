// `npm run bench [-- <filter>]`: runs every bench/*.bench.ts suite and prints, per case, the
// median and spread (min–max) of the subject and of its baseline over several alternated
// runs, and their ratio. Figures are for comparison on the same machine in the same run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchCase, BenchSuite } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function format(value: number, unit: BenchCase['unit']): string {
  if (unit === 'bytes') return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(2)} MiB` : `${(value / 1024).toFixed(1)} KiB`;
  if (unit === 'ms') return value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(2)} ms`;
  return `${value.toFixed(0)} ops/s`;
}

async function runCase(c: BenchCase): Promise<void> {
  await c.setup?.();
  const runs = c.runs ?? 7;
  const base: number[] = [];
  const subject: number[] = [];
  try {
    // Alternate the two sides so drift on a shared machine hits both alike.
    for (let i = 0; i < runs; i++) {
      base.push(await c.baseline.measure());
      subject.push(await c.subject.measure());
    }
  } finally {
    await c.teardown?.();
  }
  const mb = median(base);
  const ms = median(subject);
  const spread = (v: number[]) => `${format(Math.min(...v), c.unit)}–${format(Math.max(...v), c.unit)}`;
  console.log(`  ${c.name}${c.target ? `  (target ${c.target})` : ''}`);
  console.log(`    subject   ${c.subject.name.padEnd(44)} median ${format(ms, c.unit).padStart(11)}   spread ${spread(subject)}`);
  console.log(`    baseline  ${c.baseline.name.padEnd(44)} median ${format(mb, c.unit).padStart(11)}   spread ${spread(base)}`);
  console.log(`    ratio     subject / baseline = ${(ms / mb).toFixed(2)}×   (${runs} runs each)`);
}

const files = fs.readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();
console.log(`medins-counter benchmarks — node ${process.versions.node}, ${process.platform}-${process.arch}, ${new Date().toISOString()}`);
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { suite: BenchSuite };
  const cases = mod.suite.cases.filter((c) => !filter || `${mod.suite.name} ${c.name}`.includes(filter));
  if (cases.length === 0) continue;
  console.log(`\n${mod.suite.name} (${file})`);
  for (const c of cases) await runCase(c);
}

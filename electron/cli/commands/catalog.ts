import type { Command } from 'commander';
import type { Core } from '../../core/core';
import { AppError } from '../../core/errors';
import type { CatalogItem } from '../../../shared/catalog/types';
import type { CatalogComparison } from '../../../shared/contract/catalog';
import { CliFailure, print, withCore } from '../context';

/** Runs a catalog operation; a domain error (unknown source or item) becomes exit 1 with its Chinese text. */
async function withCatalog<T>(fn: (catalog: Core['services']['catalog']) => T): Promise<T> {
  return withCore(async (core) => {
    try {
      return fn(core.services.catalog);
    } catch (error) {
      if (error instanceof AppError) throw new CliFailure(error.userText ?? error.message);
      throw error;
    }
  });
}

export function registerCatalogCommands(program: Command): void {
  const catalog = program.command('catalog').description('service-item catalog (事项目录): the official lists, one source each');

  catalog
    .command('sources')
    .description('the loaded sources with their item counts; files refused at load are reported')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCatalog((c) => {
        const status = c.status();
        const rows = status.sources.map(({ id, title, region, year, itemCount }) => ({ id, title, region, year, itemCount }));
        const human = [
          ...status.sources.map((s) => `${s.active ? '*' : ' '} ${s.id.padEnd(14)} ${String(s.itemCount).padStart(3)} 项  ${s.title}`),
          ...status.failed.map((f) => `! ${f.file} refused: ${f.error}`),
          `(* active source; folder ${status.dir})`,
        ].join('\n');
        print(opts.json === true, rows, human);
        for (const f of status.failed) process.stderr.write(`catalog file refused: ${f.error}\n`);
      });
    });

  catalog
    .command('list')
    .description('the items of one source in document order (default: the active source)')
    .option('--source <id>', 'source id, e.g. hubei-2022')
    .option('--json', 'print JSON')
    .action(async (opts: { source?: string; json?: boolean }) => {
      await withCatalog((c) => {
        const { items } = c.listItems(opts.source);
        const rows = items.map((i) => ({ ...(i.code ? { code: i.code } : {}), ...(i.mainItem ? { mainItem: i.mainItem } : {}), name: i.name, key: i.key, seq: i.seq }));
        print(opts.json === true, rows, items.map((i) => `${String(i.seq).padStart(2)}. ${(i.code ?? '').padEnd(12)} ${i.name}  〔${i.group}〕`).join('\n'));
      });
    });

  catalog
    .command('search')
    .description('search by name, code, alias, full pinyin or pinyin initials (cbdj → 参保登记)')
    .argument('<query>')
    .option('--source <id>', 'only this source (default: all sources)')
    .option('--limit <n>', 'at most n hits', '10')
    .option('--json', 'print JSON')
    .action(async (query: string, opts: { source?: string; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliFailure(`--limit must be a positive whole number, got "${opts.limit}"`);
      await withCatalog((c) => {
        const hits = c.search(query, { sourceId: opts.source, limit });
        print(opts.json === true, hits, hits.length ? hits.map((h) => `${h.sourceId.padEnd(14)} ${h.name}${h.code ? `  ${h.code}` : ''}`).join('\n') : '(no match)');
      });
    });

  catalog
    .command('show')
    .description('one item as stored, by name, code or alias (default source: the active one)')
    .argument('<ref>', 'item name as printed, 12-digit code, key or alias')
    .option('--source <id>', 'source id (default: the active source)')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { source?: string; json?: boolean }) => {
      await withCatalog((c) => {
        const detail = c.getItem(ref, opts.source);
        print(opts.json === true, detail.item, describeItem(detail.item, detail.source.title, detail.source.levelLegend));
      });
    });

  catalog
    .command('diff')
    .description('one item across every source: presence, names, time limits, handling type, process, materials')
    .argument('<ref>', 'item name, code, key or alias')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean }) => {
      await withCatalog((c) => {
        const result = c.compare(ref);
        print(opts.json === true, result.comparison, describeComparison(result));
      });
    });
}

function describeItem(it: CatalogItem, sourceTitle: string, legend: Record<string, string> | undefined): string {
  const lines: string[] = [`${it.name}  (${sourceTitle} 第${it.seq}项)`];
  const add = (label: string, value: string | undefined) => {
    if (value) lines.push(`${label}：${value}`);
  };
  add('子项编码', it.code);
  add('主项', it.mainItem ? `${it.mainItem.name}${it.mainItem.code ? ` ${it.mainItem.code}` : ''}` : undefined);
  add('别名', it.aliases.join('；') || undefined);
  add('办件类型', it.handlingType);
  add('办理时限', it.timeLimit.text);
  add('办理流程', it.process.text ?? (it.process.steps.join('—') || undefined));
  add('办理层级', it.levels?.map((l) => (legend?.[l] ? `${l}(${legend[l]})` : l)).join('、'));
  add('风险级别', it.riskLevel);
  add('收费', it.fee);
  lines.push('申请材料');
  if (it.materials.length === 0 && it.materialsText) lines.push(`  ${it.materialsText}`);
  for (const m of it.materials) lines.push(`  ${m.seq}. ${m.name}${m.condition ? `  〔${m.condition.label}〕` : ''}`);
  if (it.intakeFields?.length) lines.push(`受理信息必填项  ${it.intakeFields.join('、')}`);
  if (it.sampleForms?.length) lines.push(`样表  ${it.sampleForms.join('；')}`);
  if (it.outputSamples?.length) lines.push(`出件样本  ${it.outputSamples.join('；')}`);
  for (const n of it.notes ?? []) lines.push(`备注  ${n}`);
  return lines.join('\n');
}

function describeComparison({ sources, baseSourceId, comparison: c }: CatalogComparison): string {
  const lines: string[] = [`${c.names[baseSourceId] ?? c.key}  (key ${c.key}; materials compared with ${baseSourceId})`];
  for (const s of sources) {
    if (!c.presence[s.id]) {
      lines.push(`\n[${s.id}] 本清单未列此事项`);
      continue;
    }
    const diff = c.materials.diffs.find((d) => d.sourceId === s.id);
    lines.push(`\n[${s.id}] ${c.names[s.id]}${c.codes[s.id] ? `  ${c.codes[s.id]}` : ''}`);
    lines.push(`  时限  ${c.timeLimit.bySource[s.id]?.text ?? ''}`);
    if (c.handlingType.bySource[s.id]) lines.push(`  办件类型  ${c.handlingType.bySource[s.id]}`);
    lines.push(`  材料  ${c.materials.bySource[s.id]?.length ?? 0} 项`);
    for (const a of diff?.added ?? []) lines.push(`    + ${a}`);
    for (const r of diff?.removed ?? []) lines.push(`    - ${r}`);
  }
  lines.push(`\n时限${c.timeLimit.same ? '一致' : '不一致'}；流程${c.process.sameSteps ? '一致' : '不一致'}`);
  return lines.join('\n');
}

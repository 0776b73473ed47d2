import type { ReactNode } from 'react';
import { Alert, Skeleton, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { CatalogComparison } from '../../../shared/contract/catalog';
import { ruleKey, sourceLabel, sourceShort } from './labels';

/**
 * 各地对比: one item in every source side by side. The chosen source is the reference; a cell
 * that differs from it is highlighted (time limit, handling type, process, materials, presence).
 */
export function ComparePanel({ itemKey, baseSourceId }: { itemKey: string; baseSourceId: string }) {
  const { orpc } = useApi();
  const result = useQuery(orpc.catalog.compare.queryOptions({ input: { ref: itemKey, baseSourceId } }));
  if (result.isPending) return <Skeleton active />;
  if (result.isError) return <Alert type="error" showIcon title={errorText(result.error)} />;
  return <CompareTable data={result.data} />;
}

interface AspectRow {
  aspect: string;
  cells: Record<string, { node: ReactNode; differs: boolean }>;
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function CompareTable({ data }: { data: CatalogComparison }) {
  const { sources, baseSourceId: base, comparison: c } = data;
  const present = (id: string) => c.presence[id] === true;
  const baseTitle = sources.find((s) => s.id === base);
  const rulesOf = (id: string) => (c.timeLimit.bySource[id]?.rules ?? []).map(ruleKey).sort().join('|');
  const stepsOf = (id: string) => (c.process.bySource[id]?.steps ?? []).join('—');

  const row = (aspect: string, cell: (id: string) => { node: ReactNode; differs: boolean }): AspectRow => ({
    aspect,
    cells: Object.fromEntries(sources.map((s) => [s.id, present(s.id) ? cell(s.id) : { node: null, differs: false }])),
  });
  const rows: AspectRow[] = [
    {
      aspect: '收录情况',
      cells: Object.fromEntries(
        sources.map((s) => [
          s.id,
          present(s.id)
            ? { node: <Tag color="green">已列入</Tag>, differs: !present(base) }
            : { node: <Tag color="red">本清单未列此事项</Tag>, differs: present(base) },
        ]),
      ),
    },
    row('事项名称', (id) => ({ node: c.names[id], differs: squash(c.names[id] ?? '') !== squash(c.names[base] ?? '') })),
    row('子项编码', (id) => ({ node: c.codes[id] ?? <Typography.Text type="secondary">原文未列编码</Typography.Text>, differs: false })),
    row('办理时限', (id) => ({ node: c.timeLimit.bySource[id]?.text, differs: rulesOf(id) !== rulesOf(base) })),
    row('办件类型', (id) => ({
      node: c.handlingType.bySource[id] ?? <Typography.Text type="secondary">原文未列</Typography.Text>,
      differs: c.handlingType.bySource[id] !== undefined && c.handlingType.bySource[base] !== undefined && c.handlingType.bySource[id] !== c.handlingType.bySource[base],
    })),
    row('办理流程', (id) => ({
      node: c.process.bySource[id]?.text ?? (c.process.bySource[id]?.steps.length ? (
        <Typography.Paragraph ellipsis={{ rows: 4, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
          {c.process.bySource[id]?.steps.join(' → ')}
        </Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">原文未列环节</Typography.Text>
      )),
      differs: stepsOf(id) !== stepsOf(base),
    })),
    row('申请材料', (id) => materialsCell(data, id)),
  ];

  const columns = [
    { title: '对比项', dataIndex: 'aspect', width: 76, render: (t: string) => <Typography.Text strong>{t}</Typography.Text> },
    ...sources.map((s) => ({
      title: (
        <span>
          {sourceShort(s)}
          {s.id === base && (
            <Tag color="blue" style={{ marginLeft: 4 }}>
              参照
            </Tag>
          )}
        </span>
      ),
      key: s.id,
      onCell: (r: AspectRow) => ({ className: !present(s.id) && r.aspect !== '收录情况' ? 'catalog-absent' : r.cells[s.id]?.differs ? 'catalog-diff' : undefined }),
      render: (_: unknown, r: AspectRow) => r.cells[s.id]?.node ?? null,
    })),
  ];

  const diffCount = [c.timeLimit.same, c.process.sameSteps, c.handlingType.same].filter((x) => !x).length;
  return (
    <div data-testid="compare-view">
      <div className="catalog-title">
        <h4>{c.names[base] ?? c.key}</h4>
        <Tag>{c.presentIn.length} 份清单列入</Tag>
        {c.absentFrom.length > 0 && <Tag color="red">{c.absentFrom.length} 份未列</Tag>}
        {!c.timeLimit.same && <Tag color="orange">时限不一致</Tag>}
        {diffCount === 0 && c.materials.diffs.every((d) => d.added.length + d.removed.length === 0) && <Tag color="green">各地一致</Tag>}
      </div>
      <div className="catalog-legend">
        <span>
          <span className="swatch" />
          与参照清单（{baseTitle ? sourceLabel(baseTitle) : base}）不同
        </span>
        <span className="mat-added" style={{ color: '#237804' }}>
          ＋ 参照清单没有的材料
        </span>
        <span style={{ color: '#a8071a' }}>－ 参照清单有而本清单没有的材料</span>
      </div>
      <Table className="catalog-compare" size="small" bordered pagination={false} rowKey="aspect" dataSource={rows} columns={columns} tableLayout="fixed" />
    </div>
  );
}

function materialsCell({ baseSourceId: base, comparison: c }: CatalogComparison, id: string): { node: ReactNode; differs: boolean } {
  const names = c.materials.bySource[id] ?? [];
  const diff = c.materials.diffs.find((d) => d.sourceId === id);
  const added = new Set(diff?.added ?? []);
  const differs = id !== base && diff !== undefined && (diff.added.length > 0 || diff.removed.length > 0);
  return {
    differs,
    node: (
      <>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          共 {names.length} 项{diff && diff.count !== diff.countBase ? `（参照清单 ${diff.countBase} 项）` : ''}
        </Typography.Text>
        <ol>
          {names.map((n, i) => (
            <li key={i} className={added.has(n) ? 'mat-added' : undefined}>
              {added.has(n) ? '＋ ' : ''}
              {n}
            </li>
          ))}
        </ol>
        {diff?.removed.map((n, i) => (
          <div key={i} className="mat-removed">
            － {n}
          </div>
        ))}
        {names.length === 0 && <Typography.Text type="secondary">原文以文字说明材料，见事项详情</Typography.Text>}
      </>
    ),
  };
}

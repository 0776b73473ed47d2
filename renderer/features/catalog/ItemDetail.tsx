import type { ReactNode } from 'react';
import { Alert, Button, Descriptions, Empty, Skeleton, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { isDefinedError } from '@orpc/client';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { CatalogItem, CatalogMaterial } from '../../../shared/catalog/types';
import type { CatalogItemDetail } from '../../../shared/contract/catalog';
import { flagText, kindLabel, riskColor, ruleText } from './labels';

/** The whole item as its source prints it: every field the source has, nothing invented. */
export function ItemDetail({ itemKey, sourceId, onCompare }: { itemKey: string; sourceId: string; onCompare: () => void }) {
  const { orpc } = useApi();
  const detail = useQuery({ ...orpc.catalog.item.queryOptions({ input: { ref: itemKey, sourceId } }), retry: false });
  if (detail.isPending) return <Skeleton active />;
  if (detail.isError) {
    const missing = isDefinedError(detail.error) && detail.error.code === 'NOT_FOUND';
    return missing ? (
      <Empty description="本清单未列此事项">
        <Button onClick={onCompare}>查看各地对比</Button>
      </Empty>
    ) : (
      <Alert type="error" showIcon title={errorText(detail.error)} />
    );
  }
  return <Detail detail={detail.data} onCompare={onCompare} />;
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="catalog-section" data-testid={testId}>
      <h5>{title}</h5>
      {children}
    </section>
  );
}

const Prose = ({ text }: { text: string }) => <p className="catalog-prose">{text}</p>;
const Points = ({ items }: { items: readonly string[] }) => (
  <ol className="catalog-list-plain">
    {items.map((t, i) => (
      <li key={i}>{t}</li>
    ))}
  </ol>
);
const Tags = ({ items, color }: { items: readonly string[]; color?: string }) => (
  <span className="catalog-tags">
    {items.map((t) => (
      <Tag key={t} color={color}>
        {t}
      </Tag>
    ))}
  </span>
);

function Detail({ detail, onCompare }: { detail: CatalogItemDetail; onCompare: () => void }) {
  const { item: it, source, forms } = detail;
  const legend = source.levelLegend;
  const basics: { label: string; value: ReactNode }[] = [];
  const add = (label: string, value: ReactNode | undefined) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) basics.push({ label, value });
  };
  add('子项编码', it.code);
  add('主项', it.mainItem && `${it.mainItem.name}${it.mainItem.code ? `（${it.mainItem.code}）` : ''}`);
  add('其他清单中的名称', it.aliases.length ? it.aliases.join('；') : undefined);
  add('事项类型', it.itemType);
  add('办件类型', it.handlingType);
  add('办理方式', it.handlingMode);
  add('服务对象', it.serviceObjects?.join('、'));
  add('办理层级', it.levels && <Tags items={it.levels.map((l) => (legend?.[l] ? `${l}：${legend[l]}` : l))} />);
  add('层级说明', it.levelsNote);
  add('办理部门', it.departments && `${it.departments.lead}${it.departments.joint ? `；联办：${it.departments.joint}` : ''}`);
  add('是否收费', it.fee);
  add('风险级别', it.riskLevel && <Tag color={riskColor[it.riskLevel]}>{it.riskLevel}</Tag>);
  add('办理进度查询', it.progressQuery);
  add('服务评价渠道', it.evaluationChannel);
  add('联系方式', it.contactFields?.join('；'));
  add('未标注的列', it.yesColumn && `${it.yesColumn}（原文此列无表头）`);

  return (
    <div data-testid="item-detail">
      <div className="catalog-title">
        <h4>{it.name}</h4>
        {it.code && <Tag>{it.code}</Tag>}
        {it.handlingType && <Tag color={it.handlingType === '即办件' ? 'green' : 'blue'}>{it.handlingType}</Tag>}
        <span style={{ flex: 1 }} />
        <Button size="small" onClick={onCompare}>
          各地对比
        </Button>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {source.title} · {kindLabel[source.kind]} · 第 {it.seq} 项{it.heading ? ` · 原文标题：${it.heading}` : ''}
      </Typography.Text>

      <Descriptions size="small" bordered column={2} style={{ marginTop: 10 }} items={basics.map((b) => ({ key: b.label, label: b.label, children: b.value }))} />

      <Section title="办理时限" testId="time-limit">
        <Prose text={it.timeLimit.text} />
        <div style={{ marginTop: 4 }}>
          <Tags items={it.timeLimit.rules.map(ruleText)} color="geekblue" />
        </div>
        {it.timeLimit.rows && (
          <Table
            size="small"
            pagination={false}
            style={{ marginTop: 6 }}
            rowKey={(r) => `${r.category}-${r.text}`}
            dataSource={it.timeLimit.rows}
            columns={[
              { title: '办理类别', dataIndex: 'category', width: 160 },
              { title: '日期类型', dataIndex: 'dateType', width: 100 },
              { title: '承诺办结时间', dataIndex: 'text' },
            ]}
          />
        )}
      </Section>

      <Section title="办理流程">
        {it.process.text ? <Prose text={it.process.text} /> : it.process.steps.length > 0 && <Prose text={it.process.steps.join(' → ')} />}
        {it.process.detail && (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true, symbol: '展开全文' }} style={{ marginTop: 4, marginBottom: 0 }}>
            {it.process.detail}
          </Typography.Paragraph>
        )}
      </Section>

      <Materials item={it} />

      {it.conditions && it.conditions.length > 0 && (
        <Section title="受理时需问明的情形">
          <Descriptions size="small" colon={false} column={1} items={it.conditions.map((c) => ({ key: c.id, label: c.question, children: <Tags items={c.options.map((o) => o.label)} /> }))} />
        </Section>
      )}
      {it.intakeFields && (
        <Section title="受理信息必填项">
          <Tags items={it.intakeFields} />
        </Section>
      )}
      {(it.sampleForms || it.outputSamples) && (
        <Section title="样表与出件样本">
          {it.sampleForms && <Descriptions size="small" column={1} items={[{ key: 's', label: '样表', children: it.sampleForms.join('；') }]} />}
          {it.outputSamples && <Descriptions size="small" column={1} items={[{ key: 'o', label: '出件样本', children: it.outputSamples.join('；') }]} />}
          {forms.map((f) => (
            <Typography.Paragraph key={f.id} style={{ margin: '4px 0 0' }}>
              <Typography.Text strong>
                {f.id} {f.title}：
              </Typography.Text>
              <Typography.Text type="secondary">{f.fields.join('、')}</Typography.Text>
            </Typography.Paragraph>
          ))}
        </Section>
      )}
      {it.messageTemplates && (
        <Section title="消息推送模板">
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'ok', label: '办理成功', children: it.messageTemplates.success },
              { key: 'fail', label: '办理失败', children: it.messageTemplates.failure },
            ]}
          />
        </Section>
      )}
      <OtherSections item={it} />
    </div>
  );
}

function Materials({ item: it }: { item: CatalogItem }) {
  // Hubei prints these three check-box columns, but the ticks did not survive the text: then only say so.
  const hasFlags = it.materials.some((m) => [m.dataSharing, m.retainPaper, m.archiveElectronic].some((v) => typeof v === 'boolean'));
  const flagsLost = !hasFlags && it.materials.some((m) => m.dataSharing === null);
  const columns = [
    { title: '序号', dataIndex: 'seq', width: 64 },
    {
      title: '材料名称',
      key: 'name',
      render: (_: unknown, m: CatalogMaterial) => (
        <>
          {m.name}
          {m.promiseAllowed && (
            <Tag color="purple" style={{ marginLeft: 6 }}>
              可个人承诺
            </Tag>
          )}
          {m.notes?.map((n) => (
            <div key={n} style={{ color: '#8c8c8c', fontSize: 12 }}>
              {n}
            </div>
          ))}
        </>
      ),
    },
    { title: '适用情形', key: 'cond', width: 150, render: (_: unknown, m: CatalogMaterial) => (m.condition ? <Tag color="gold">{m.condition.label}</Tag> : <span style={{ color: '#8c8c8c' }}>均需提供</span>) },
    ...(hasFlags
      ? [
          { title: '数据共享', key: 'ds', width: 86, render: (_: unknown, m: CatalogMaterial) => flagText(m.dataSharing) },
          { title: '留存纸质', key: 'rp', width: 86, render: (_: unknown, m: CatalogMaterial) => flagText(m.retainPaper) },
          { title: '存档电子', key: 'ae', width: 86, render: (_: unknown, m: CatalogMaterial) => flagText(m.archiveElectronic) },
        ]
      : []),
  ];
  return (
    <Section title={`申请材料（${it.materials.length} 项）`} testId="materials">
      {it.materialsText && <Prose text={it.materialsText} />}
      {it.materials.length > 0 && <Table size="small" pagination={false} rowKey={(m) => `${m.seq}-${m.name}`} dataSource={it.materials} columns={columns} />}
      {flagsLost && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          原文各材料另有“数据共享、留存纸质、存档电子”勾选栏，勾选情况未能从原文中识别，请以纸质文件为准。
        </Typography.Text>
      )}
      {it.materialsNotes && <Points items={it.materialsNotes} />}
    </Section>
  );
}

function OtherSections({ item: it }: { item: CatalogItem }) {
  return (
    <>
      {it.description && (
        <Section title="事项描述">
          <Prose text={it.description} />
        </Section>
      )}
      {it.conditionsText && (
        <Section title="办理条件">
          <Points items={it.conditionsText} />
        </Section>
      )}
      {it.channels && (
        <Section title="办理渠道">
          <Points items={it.channels} />
        </Section>
      )}
      {it.riskPoints && (
        <Section title="业务风险点">
          <Descriptions size="small" bordered column={1} items={it.riskPoints.map((r, i) => ({ key: i, label: r.point, children: r.description }))} />
        </Section>
      )}
      {it.legalBasis && (
        <Section title="设定依据">
          <ol className="catalog-list-plain">
            {it.legalBasis.map((l, i) => (
              <li key={i}>
                {l.title}
                {l.docNo && <Typography.Text type="secondary">（{l.docNo}）</Typography.Text>}
                {l.articles && ` ${l.articles}`}
              </li>
            ))}
          </ol>
        </Section>
      )}
      {it.notes && (
        <Section title="备注">
          <Points items={it.notes} />
        </Section>
      )}
    </>
  );
}

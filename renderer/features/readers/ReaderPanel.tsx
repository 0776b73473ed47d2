import { useState } from 'react';
import { Alert, Button, Descriptions, Select, Space, Tag, Typography } from 'antd';
import { IdcardOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useHotkeys } from 'react-hotkeys-hook';
import type { IdentityRecord, ReaderState } from '../../../shared/contract';
import { maskIdNumber } from '../../../shared/identity';
import { useApi } from '../../api/context';
import { useIdReader } from './useReaders';
import './readers.css';

const stateColor: Record<ReaderState, string> = { off: 'default', absent: 'error', idle: 'processing', reading: 'processing', ready: 'success', error: 'warning' };
const cardTypeLabel: Record<IdentityRecord['cardType'], string> = {
  resident: '居民身份证',
  hkmotw: '港澳台居民居住证',
  foreign2017: '外国人永久居留证（2017版）',
  foreign2023: '外国人永久居留身份证（2023版）',
};

function Photo({ record }: { record: IdentityRecord }) {
  const p = record.photo;
  if (p?.decoded) return <img className="reader-photo" alt="证件照片" src={`data:image/${p.format};base64,${p.base64}`} />;
  return (
    <div className="reader-photo reader-photo-empty" data-testid="photo-placeholder" title={p ? '照片为加密格式，需安装厂商解码程序' : '无照片'}>
      <UserOutlined style={{ fontSize: 36 }} />
      <span>{p ? '照片未解码' : '无照片'}</span>
    </div>
  );
}

/**
 * 读卡 panel: button and F2, the reader's state, the record read (ID number masked until
 * 显示). The intake screen embeds it and receives each card through `onCard`.
 */
export function ReaderPanel({ onCard, showSimulator = false, compact = false }: { onCard?: (record: IdentityRecord) => void; showSimulator?: boolean; compact?: boolean }) {
  const { status, record, error, busy, read } = useIdReader(onCard);
  const [revealed, setRevealed] = useState<string | null>(null);
  useHotkeys('f2', (e) => {
    e.preventDefault();
    void read();
  }, { enableOnFormTags: true }, [read]);

  const r = record;
  const reveal = r !== null && revealed === r.idNumber;
  return (
    <div className="reader-panel" data-testid="reader-panel">
      <Space wrap>
        <Button type="primary" icon={<IdcardOutlined />} loading={busy} onClick={() => void read()}>
          读卡（F2）
        </Button>
        <Tag color={status ? stateColor[status.state] : 'default'} data-testid="reader-state">
          {status?.message ?? '正在连接读卡器…'}
        </Tag>
        {showSimulator && status?.driver === 'simulator' ? <SimulatorControls /> : null}
      </Space>
      {error ? <Alert style={{ marginTop: 8 }} type="warning" showIcon message={error} /> : null}
      {r && compact ? (
        <div className="reader-summary" data-testid="reader-record">
          {cardTypeLabel[r.cardType]} · {r.sex} · {r.nationality ?? (r.nation ? `${r.nation}族` : '—')} · {r.birthDate} 出生 · 有效期至 {r.validTo}
          {r.expired ? <Tag color="error">证件已过期</Tag> : null}
        </div>
      ) : r ? (
        <div className="reader-record" data-testid="reader-record">
          <Photo record={r} />
          <Descriptions size="small" column={2} bordered style={{ flex: 1 }}>
            <Descriptions.Item label="姓名">
              {r.name}
              {r.foreignName ? <Typography.Text type="secondary"> {r.foreignName}</Typography.Text> : null}
            </Descriptions.Item>
            <Descriptions.Item label="证件类型">{cardTypeLabel[r.cardType]}</Descriptions.Item>
            <Descriptions.Item label="性别">{r.sex}</Descriptions.Item>
            <Descriptions.Item label={r.nationality ? '国籍' : '民族'}>{r.nationality ?? (r.nation || '—')}</Descriptions.Item>
            <Descriptions.Item label="出生日期">{r.birthDate}</Descriptions.Item>
            <Descriptions.Item label="证件号码">
              <span data-testid="reader-id-number">{reveal ? r.idNumber : maskIdNumber(r.idNumber)}</span>{' '}
              <Button size="small" type="link" onClick={() => setRevealed(reveal ? null : r.idNumber)}>
                {reveal ? '隐藏' : '显示'}
              </Button>
            </Descriptions.Item>
            {r.address ? <Descriptions.Item label="住址" span={2}>{r.address}</Descriptions.Item> : null}
            <Descriptions.Item label="签发机关">{r.authority || (r.authorityCode ? `代码 ${r.authorityCode}` : '—')}</Descriptions.Item>
            <Descriptions.Item label="有效期限">
              {r.validFrom} 至 {r.validTo} {r.expired ? <Tag color="error">证件已过期</Tag> : null}
            </Descriptions.Item>
            {r.passNumber ? <Descriptions.Item label="通行证号码">{r.passNumber}（第{r.issueCount ?? '?'}次签发）</Descriptions.Item> : null}
          </Descriptions>
        </div>
      ) : null}
      {r?.warnings.filter((w) => w !== '证件已过期').map((w) => <Alert key={w} style={{ marginTop: 8 }} type="warning" showIcon message={w} />)}
    </div>
  );
}

/** Training / demo: put a fake card on the simulated reader. */
function SimulatorControls() {
  const { orpc, client } = useApi();
  const cards = useQuery(orpc.readers.simulator.cards.queryOptions());
  return (
    <Select
      size="small"
      style={{ width: 300 }}
      placeholder="模拟器：放置一张模拟证件"
      aria-label="放置模拟证件"
      options={[{ value: '', label: '（取走证件）' }, ...(cards.data ?? []).map((c) => ({ value: c.id, label: c.label }))]}
      onChange={(id: string) => void client.readers.simulator.place({ id: id || null })}
    />
  );
}

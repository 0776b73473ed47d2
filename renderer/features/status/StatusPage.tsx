import { Alert, Card, Descriptions, Skeleton, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { hallDayjs } from '../../app/hallTime';
import { useApi } from '../../api/context';
import { useClock } from '../../api/useClock';
import { errorText } from '../../api/errors';
import { ReaderPanel } from '../readers/ReaderPanel';
import { PRINTER_DRIVER_LABELS } from '../printing/labels';
import { SCANNER_DRIVER_LABELS } from '../scanning/labels';

const runtimeLabel = { electron: '桌面程序（Electron）', 'web-host': 'Web 方式（浏览器）', cli: '命令行', test: '测试' } as const;
const driverLabel = { simulator: '模拟器', serial: '串口', 'vendor-http': '厂商服务', none: '未启用' } as const;

/** 系统状态: what IT staff ask for on the phone — version, data folder, schema, settings. */
export function StatusPage() {
  const { orpc } = useApi();
  const status = useQuery(orpc.system.status.queryOptions());
  // The list's title, not its internal id (hubei-2022).
  const sources = useQuery(orpc.catalog.sources.queryOptions());
  const { tick, state } = useClock();

  if (status.isPending) return <Skeleton active />;
  if (status.isError) return <Alert type="error" showIcon message="无法读取系统状态" description={errorText(status.error)} />;
  const s = status.data;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title="系统状态">
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="程序版本">{s.appVersion}</Descriptions.Item>
          <Descriptions.Item label="运行方式">{runtimeLabel[s.runtime]}</Descriptions.Item>
          <Descriptions.Item label="数据目录" span={2}>
            <code data-testid="data-dir">{s.dataDir}</code>
          </Descriptions.Item>
          <Descriptions.Item label="数据库">
            <span data-testid="db-dialect">{s.db.dialect === 'sqlite' ? `SQLite（本机） · ${s.db.journalMode.toUpperCase()}` : `${s.db.journalMode}（大厅共享库）`}</span>
          </Descriptions.Item>
          {s.db.dialect === 'postgres' && (
            <Descriptions.Item label="共享库地址" span={2}>
              <code>{s.db.file}</code>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="数据库结构版本">
            <span data-testid="schema-version">{s.db.schemaVersion}</span>
            {s.db.schemaVersion === s.db.latestSchemaVersion ? <Tag color="success" style={{ marginLeft: 8 }}>最新</Tag> : <Tag color="warning">待升级</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="启动时间">{hallDayjs(s.startedAt).format('YYYY-MM-DD HH:mm:ss')}</Descriptions.Item>
          <Descriptions.Item label="核心时钟（实时推送）">
            <span data-testid="live-clock" data-seq={tick?.seq ?? -1}>
              {tick ? hallDayjs(tick.now).format('HH:mm:ss') : '——'}
            </span>
            {state === 'live' ? <Tag color="success" style={{ marginLeft: 8 }}>推送正常</Tag> : <Tag color="warning" style={{ marginLeft: 8 }}>等待推送</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="Node.js">{s.nodeVersion}（{s.platform}）</Descriptions.Item>
          <Descriptions.Item label="安装标识">{s.installId.slice(0, 8)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="读卡器">
        <ReaderPanel showSimulator />
      </Card>
      <Card size="small" title="当前设置">
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="大厅名称">{s.settings.hall.name}</Descriptions.Item>
          <Descriptions.Item label="医保区划代码">{s.settings.hall.regionCode || <Tag>未设置</Tag>}</Descriptions.Item>
          <Descriptions.Item label="窗口号">{s.settings.counter.number}</Descriptions.Item>
          <Descriptions.Item label="事项清单">
            <span data-testid="status-catalog">{sources.data?.find((src) => src.id === s.settings.catalog.sourceId)?.title ?? (sources.isPending ? '' : '（未载入）')}</span>
          </Descriptions.Item>
          <Descriptions.Item label="身份证读卡器">{driverLabel[s.settings.devices.idReader]}</Descriptions.Item>
          <Descriptions.Item label="小票打印机">{PRINTER_DRIVER_LABELS[s.settings.printer.driver]}{s.settings.printer.address ? ` ${s.settings.printer.address}` : ''} · {s.settings.printer.width} 毫米</Descriptions.Item>
          <Descriptions.Item label="扫描仪">{SCANNER_DRIVER_LABELS[s.settings.devices.scanner]}</Descriptions.Item>
          <Descriptions.Item label="上传同步">{s.settings.upstream.enabled ? s.settings.upstream.url : '未启用'}</Descriptions.Item>
          <Descriptions.Item label="Web 访问地址" span={2}>
            {s.settings.webHost.host}:{s.settings.webHost.port}
            {s.settings.webHost.accessTokenSet ? '（已设置访问令牌）' : ''}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}

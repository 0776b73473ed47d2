import { Badge, Tag, Tooltip } from 'antd';
import { CloudSyncOutlined, DisconnectOutlined, WarningOutlined } from '@ant-design/icons';
import { hallDayjs } from '../../app/hallTime';
import type { SyncStatus } from '../../../shared/contract';
import { useSyncStatus } from './useSyncStatus';

/** Compact 上传同步 state for the header / status bar: pending, failed, offline, last success. */
export function SyncIndicator({ onClick }: { onClick?: () => void }) {
  const status = useSyncStatus();
  if (!status || !status.enabled) return null;
  return <SyncIndicatorView status={status} onClick={onClick} />;
}

export function SyncIndicatorView({ status: s, onClick }: { status: SyncStatus; onClick?: () => void }) {
  const attention = s.failed + s.needsAttention;
  const last = s.lastSuccessAt ? `最近成功 ${hallDayjs(s.lastSuccessAt).format('MM-DD HH:mm')}` : '尚未成功上传';
  const tip = [s.offline ? `上级平台无法连接${s.offlineSince ? `（自 ${hallDayjs(s.offlineSince).format('MM-DD HH:mm')}）` : ''}，恢复后自动续传` : null, `待上传 ${s.pending}`, attention ? `需处理 ${attention}` : null, last].filter(Boolean).join('；');
  const color = attention ? 'error' : s.offline ? 'warning' : s.pending ? 'processing' : 'success';
  const icon = attention ? <WarningOutlined /> : s.offline ? <DisconnectOutlined /> : <CloudSyncOutlined />;
  return (
    <Tooltip title={tip}>
      <Tag color={color} icon={icon} onClick={onClick} style={{ cursor: onClick ? 'pointer' : undefined }} data-testid="sync-indicator">
        {s.offline ? '离线' : '同步'} {s.pending > 0 ? <Badge count={s.pending} size="small" overflowCount={9999} color="#1677ff" /> : '✓'}
        {attention > 0 && <Badge count={attention} size="small" style={{ marginLeft: 4 }} />}
      </Tag>
    </Tooltip>
  );
}

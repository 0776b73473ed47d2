import { Alert } from 'antd';
import type { ClockTick } from '../../shared/contract';

/**
 * Hall mode: the shared database stopped answering. Shown above the work area, which stays
 * mounted, so a half-filled intake form keeps what the clerk typed; saving fails with a clear
 * message until the database is back, and the banner goes away by itself.
 */
export function DatabaseBanner({ database }: { database: ClockTick['database'] | undefined }) {
  if (database !== 'unavailable') return null;
  return (
    <Alert
      banner
      type="error"
      role="alert"
      data-testid="database-banner"
      title="数据库连接中断，正在重试…"
      description="已填写的内容会保留，请暂不提交；连接恢复后此提示自动消失。若长时间未恢复，请联系系统管理员检查大厅数据库服务器和网络。"
    />
  );
}

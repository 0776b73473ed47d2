import { Alert, Table, Tag } from 'antd';
import type { DueDateChange } from '../../../shared/contract/calendar';
import { calendarMessages } from '../../../shared/messages/zh-CN';

/** After an import: the running cases whose 暂定办结日期 were counted again, old and new date. */
export function RecomputedCases({ changes, onClose }: { changes: DueDateChange[]; onClose: () => void }) {
  const moved = changes.filter((c) => c.from !== c.to).length;
  return (
    <Alert
      type="info"
      showIcon
      closable
      onClose={onClose}
      style={{ marginBottom: 10 }}
      data-testid="recomputed-cases"
      message={changes.length === 0 ? '没有需要重新计算的暂定办结日期' : `已重新计算 ${changes.length} 件办件的暂定办结日期，其中 ${moved} 件日期有变化`}
      description={
        changes.length > 0 && (
          <Table<DueDateChange>
            size="small"
            rowKey="caseNo"
            pagination={changes.length > 10 ? { pageSize: 10 } : false}
            dataSource={changes}
            columns={[
              { title: '办件编号', dataIndex: 'caseNo' },
              { title: '事项', dataIndex: 'itemName', ellipsis: true },
              { title: '原办结日期', dataIndex: 'from', render: (v: string) => <>{v} <Tag>{calendarMessages.provisionalMark}</Tag></> },
              { title: '新办结日期', dataIndex: 'to', render: (v: string, c) => <span className={c.from !== c.to ? 'date-changed' : undefined}>{v}{c.provisional && <Tag color="orange">{calendarMessages.provisionalMark}</Tag>}</span> },
            ]}
          />
        )
      }
    />
  );
}

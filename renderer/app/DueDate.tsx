import { Tag, Tooltip } from 'antd';
import { calendarMessages } from '../../shared/messages/zh-CN';

/**
 * A due date as shown everywhere: a 暂定办结日期 (counted Monday–Friday in a year whose
 * arrangement is not loaded) carries the 暂定 tag and says why on hover.
 */
export function DueDate({ date, provisional, format = (d) => d }: { date: string; provisional: boolean; format?: (date: string) => string }) {
  return (
    <span className="due-date" data-provisional={provisional ? 'true' : undefined}>
      {format(date)}
      {provisional && (
        <Tooltip title={calendarMessages.provisionalNote}>
          <Tag color="orange" style={{ marginInlineStart: 4 }} data-testid="due-provisional">
            {calendarMessages.provisionalMark}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}

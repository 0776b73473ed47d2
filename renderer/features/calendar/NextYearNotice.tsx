import { Alert, Button } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/context';
import { calendarMessages } from '../../../shared/messages/zh-CN';

/**
 * From 1 October (hall time) until next year's 节假日安排 is imported: a banner for admins and
 * supervisors, since due dates reaching into that year are only 暂定 meanwhile.
 */
export function NextYearNotice({ canImport }: { canImport: boolean }) {
  const { orpc } = useApi();
  const navigate = useNavigate();
  const years = useQuery({ ...orpc.calendar.years.queryOptions(), refetchInterval: 10 * 60_000 });
  const missing = years.data?.missingNextYear;
  if (!missing) return null;
  return (
    <Alert
      banner
      type="warning"
      data-testid="next-year-notice"
      title={calendarMessages.nextYearMissing(missing)}
      description={`国务院办公厅公布${missing}年节假日安排后请尽快导入；在此之前，办结日期落在${missing}年的办件按周一至周五暂定计算，导入后自动重新计算。`}
      action={
        canImport && (
          <Button size="small" onClick={() => void navigate('/admin/calendar')}>
            去导入
          </Button>
        )
      }
    />
  );
}

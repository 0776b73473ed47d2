import { Alert, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { ScannedPage } from '../../../shared/contract/scanning';

/** One page at full size, turned as the clerk turned it. */
export function PagePreview({ page }: { page: ScannedPage }) {
  const { orpc } = useApi();
  const image = useQuery(orpc.attachments.image.queryOptions({ input: { id: page.id } }));
  if (image.isPending) return <Skeleton.Image active />;
  if (image.isError) return <Alert type="error" showIcon title={errorText(image.error)} />;
  const turned = page.rotation % 180 !== 0;
  return (
    <div className="scan-preview">
      <img
        src={`data:${image.data.mime};base64,${image.data.base64}`}
        alt={`第 ${page.position} 页`}
        style={{ transform: `rotate(${page.rotation}deg)`, maxWidth: turned ? '70vh' : '100%', maxHeight: turned ? '100%' : '70vh' }}
      />
      <div className="case-muted">
        {page.width} × {page.height} 像素{page.dpi ? `，${page.dpi} dpi` : '，高拍仪拍摄'}，{Math.round(page.size / 1024)} KB
      </div>
    </div>
  );
}

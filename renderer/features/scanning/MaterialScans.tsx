import { useState } from 'react';
import { Alert, App, Button, Select, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { downloadBase64 } from '../../api/download';
import { errorText } from '../../api/errors';
import type { ScannedPage } from '../../../shared/contract/scanning';
import type { Settings } from '../../../shared/settings/schema';
import { CameraCapture } from './CameraCapture';
import { PageStrip } from './PageStrip';
import { useScan } from './useScan';
import { COLOR_MODE_LABELS, SCAN_SOURCE_LABELS } from './labels';
import './scanning.css';

type Source = Settings['scanning']['source'];
type ColorMode = Settings['scanning']['colorMode'];

/** The case's pages grouped by material seq; the materials checklist shows the counts. */
export function useCasePages(caseNo: string) {
  const { orpc } = useApi();
  const pages = useQuery(orpc.attachments.pages.queryOptions({ input: { caseNo } }));
  const bySeq = new Map<string, ScannedPage[]>();
  for (const p of pages.data ?? []) bySeq.set(p.seq, [...(bySeq.get(p.seq) ?? []), p]);
  return { query: pages, bySeq };
}

/**
 * 材料扫描件: per material, 扫描 (the configured scanner) and 拍照 (高拍仪 camera), the pages
 * as thumbnails, and the material's PDF. Embedded by 办件查询's case detail and offered
 * right after 受理 on the intake screen. `editable` is false for a closed case.
 */
export function MaterialScans({ caseNo, materials, editable }: { caseNo: string; materials: { seq: string; name: string }[]; editable: boolean }) {
  const { client, orpc } = useApi();
  const { message } = App.useApp();
  const settings = useQuery(orpc.settings.get.queryOptions());
  const { query, bySeq } = useCasePages(caseNo);
  const scan = useScan(caseNo);
  const [source, setSource] = useState<Source | undefined>(undefined);
  const [colorMode, setColorMode] = useState<ColorMode | undefined>(undefined);
  const [camera, setCamera] = useState<{ seq: string; name: string } | null>(null);
  if (query.isPending || settings.isPending) return <Skeleton active />;
  if (query.isError) return <Alert type="error" showIcon title={errorText(query.error)} />;
  const driver = settings.data?.devices.scanner ?? 'none';
  const canScan = editable && driver !== 'camera' && driver !== 'none';
  const running = scan.progress?.running === true;
  const src = source ?? settings.data?.scanning.source ?? 'flatbed';
  const mode = colorMode ?? settings.data?.scanning.colorMode ?? 'gray';

  const pdf = (seq: string) =>
    void client.attachments
      .materialPdf({ caseNo, seq })
      .then((f) => downloadBase64(f.fileName, 'application/pdf', f.base64))
      .catch((e: unknown) => void message.error(errorText(e)));

  return (
    <div className="scan-materials" data-testid="material-scans">
      {editable && (
        <div className="scan-toolbar">
          <Space size={6} wrap>
            <span className="case-muted">扫描方式</span>
            <Select size="small" value={src} onChange={setSource} style={{ width: 110 }} options={Object.entries(SCAN_SOURCE_LABELS).map(([value, label]) => ({ value, label }))} aria-label="扫描方式" />
            <Select size="small" value={mode} onChange={setColorMode} style={{ width: 80 }} options={Object.entries(COLOR_MODE_LABELS).map(([value, label]) => ({ value, label }))} aria-label="色彩" />
            <span className="case-muted scan-keys">缩略图上：← → 选择，Alt+← → 调整顺序，R 旋转，Delete 删除，Enter 查看</span>
          </Space>
        </div>
      )}
      {scan.progress && (
        <Alert
          className="scan-progress"
          data-testid="scan-progress"
          type={scan.progress.running ? 'info' : scan.progress.outcome?.kind === 'error' ? 'error' : 'success'}
          showIcon
          title={scan.progress.running ? `正在扫描……已收到 ${scan.progress.received} 页${scan.progress.blank ? `，空白页 ${scan.progress.blank} 页` : ''}` : (scan.progress.outcome?.text ?? '扫描已结束')}
          closable={!scan.progress.running}
          onClose={scan.clear}
          action={
            scan.progress.running ? (
              <Button size="small" autoInsertSpace={false} onClick={scan.cancel}>
                停止
              </Button>
            ) : undefined
          }
        />
      )}
      {materials.map((m, i) => {
        const pages = bySeq.get(m.seq) ?? [];
        return (
          <div key={m.seq} className="scan-material" data-testid={`scan-material-${m.seq}`}>
            <div className="scan-material-head">
              <span className="scan-material-name">
                {i + 1}. {m.name}
              </span>
              <span className="scan-count" data-testid="scan-count">
                {pages.length} 页
              </span>
              <Space size={4}>
                {canScan && (
                  <Button size="small" type="primary" ghost autoInsertSpace={false} loading={running && scan.progress?.seq === m.seq} disabled={running} onClick={() => void scan.start(m.seq, { source: src, colorMode: mode })}>
                    扫描
                  </Button>
                )}
                {editable && (
                  <Button size="small" autoInsertSpace={false} disabled={running} onClick={() => setCamera(m)}>
                    拍照
                  </Button>
                )}
                {pages.length > 0 && (
                  <Button size="small" type="link" onClick={() => pdf(m.seq)}>
                    PDF
                  </Button>
                )}
              </Space>
            </div>
            <PageStrip caseNo={caseNo} pages={pages} editable={editable} />
          </div>
        );
      })}
      {camera && <CameraCapture caseNo={caseNo} seq={camera.seq} materialName={camera.name} onClose={() => setCamera(null)} />}
    </div>
  );
}

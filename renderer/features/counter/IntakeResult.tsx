import { useState } from 'react';
import { Button, Descriptions, Drawer, Result, Tabs, Tag } from 'antd';
import { CASE_STATUS_LABELS } from '../../../shared/cases/model';
import type { CaseDetail } from '../../../shared/contract/cases';
import { maskIdNumber } from '../../../shared/identity';
import { DocumentPreview } from '../cases/DocumentPreview';
import { statusColor } from '../cases/labels';
import { MaterialScans } from '../scanning/MaterialScans';
import { DueDate } from '../../app/DueDate';

/**
 * After the decision: the case number, big, and the document to hand over (printed at once when
 * 受理后自动打印 is on; F4 prints it again). From here: the same person's next item (Alt+N) or
 * 办结本号 (F10) in the ticket bar.
 */
export function IntakeResult({ detail, onAnother, ticketLabel }: { detail: CaseDetail; onAnother: () => void; ticketLabel?: string }) {
  const accepted = detail.status !== 'refused' && detail.status !== 'correction_requested';
  const [scanning, setScanning] = useState(false);
  const title = accepted ? (detail.status === 'completed' ? '已受理并当场办结' : '已受理') : detail.status === 'refused' ? '不予受理' : '已一次性告知补正';
  return (
    <div className="intake-result" data-testid="intake-result">
      <div className="intake-result-side">
        <Result
          status={accepted ? 'success' : 'warning'}
          title={title}
          subTitle={
            <div className="case-number-block">
              <div className="case-number-label">办件编号</div>
              <div className="case-number" data-testid="case-number">
                {detail.caseNo}
              </div>
            </div>
          }
        />
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="事项">{detail.itemName}</Descriptions.Item>
          <Descriptions.Item label="申请人">
            {detail.applicantName}（{maskIdNumber(detail.applicant.idNumber)}）
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={statusColor(detail.status)}>{CASE_STATUS_LABELS[detail.status]}</Tag>
          </Descriptions.Item>
          {detail.dueDate && <Descriptions.Item label="办结时限"><DueDate date={detail.dueDate} provisional={detail.dueProvisional} /> 前</Descriptions.Item>}
          {detail.ticketLabel && <Descriptions.Item label="排队号">{detail.ticketLabel}</Descriptions.Item>}
          <Descriptions.Item label="查询码">
            <span className="case-mono">{detail.queryCode}</span>
          </Descriptions.Item>
        </Descriptions>
        {accepted && detail.status !== 'completed' && (
          <Button block onClick={() => setScanning(true)} className="next-button" data-testid="intake-scan">
            扫描材料
          </Button>
        )}
        {ticketLabel && <div className="result-hint">本次为 {ticketLabel} 号办理，已关联到该号。全部办完后按 F10 办结本号。</div>}
        <Button size="large" block autoFocus onClick={onAnother} className="next-button">
          同一人办理下一事项 <kbd className="btn-kbd">Alt+N</kbd>
        </Button>
      </div>
      <Drawer open={scanning} onClose={() => setScanning(false)} size={760} title={`材料扫描件 · 办件 ${detail.caseNo}`} destroyOnHidden>
        <MaterialScans caseNo={detail.caseNo} materials={detail.materials} editable />
      </Drawer>
      <div className="intake-result-doc">
        {detail.documents.length === 0 ? (
          <div className="counter-empty">未生成文书。</div>
        ) : detail.documents.length === 1 ? (
          <DocumentPreview id={detail.documents[0]!.id} />
        ) : (
          <Tabs items={detail.documents.map((d) => ({ key: String(d.id), label: d.title, children: <DocumentPreview id={d.id} /> }))} />
        )}
      </div>
    </div>
  );
}

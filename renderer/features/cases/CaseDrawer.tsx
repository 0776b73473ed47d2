import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Modal, Skeleton, Space, Table, Tag, Timeline } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { hallDayjs } from '../../app/hallTime';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { CASE_ACTION_LABELS, CASE_STATUS_LABELS, FINAL_STATUSES, MATERIAL_STATUS_LABELS, materialReceived, type CaseAction, type CaseStatus } from '../../../shared/cases/model';
import { ID_KIND_LABELS } from '../../../shared/identity';
import type { CaseDetail, Party } from '../../../shared/contract/cases';
import { CaseActions } from './CaseActions';
import { DocumentPreview } from './DocumentPreview';
import { downloadDocumentPdf } from './documents';
import { statusColor } from './labels';
import { WorkdaysLeft } from './WorkdaysLeft';
import { ReceiptActions } from '../printing/ReceiptActions';
import { MaterialScans, useCasePages } from '../scanning/MaterialScans';
import { DueDate } from '../../app/DueDate';

/** One case in full (cases.get, audited as a view of personal data) with the actions its status allows. */
export function CaseDrawer({ caseNo, onClose }: { caseNo: string | null; onClose: () => void }) {
  const { orpc } = useApi();
  const detail = useQuery({ ...orpc.cases.get.queryOptions({ input: { caseNo: caseNo ?? '' } }), enabled: caseNo !== null });
  return (
    <Drawer open={caseNo !== null} onClose={onClose} size={900} title={caseNo ? `办件 ${caseNo}` : ''} destroyOnHidden data-testid="case-drawer">
      {detail.isPending ? <Skeleton active /> : detail.isError ? <Alert type="error" showIcon title={errorText(detail.error)} /> : <CaseBody d={detail.data} />}
    </Drawer>
  );
}

function PartyRows({ p }: { p: Party }) {
  return (
    <>
      <span className="party-part">{p.name}</span>
      <span className="party-part case-mono">{p.idNumber}</span>
      <span className="party-part case-muted">{ID_KIND_LABELS[p.idKind]}</span>
      {p.phone && <span className="party-part">电话 {p.phone}</span>}
    </>
  );
}

function CaseBody({ d }: { d: CaseDetail }) {
  const { client } = useApi();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<number | null>(null);
  const { bySeq } = useCasePages(d.caseNo);
  const formEntries = Object.entries(d.form);
  return (
    <div className="case-body">
      <Space size={8} wrap>
        <Tag color={statusColor(d.status)} className="case-status-big">
          {CASE_STATUS_LABELS[d.status]}
        </Tag>
        <strong>{d.itemName}</strong>
        {d.training && <Tag color="orange">培训数据</Tag>}
      </Space>
      <Descriptions size="small" column={2} bordered className="case-section">
        <Descriptions.Item label="申请人" span={2}>
          <PartyRows p={d.applicant} />
        </Descriptions.Item>
        {d.agent && (
          <Descriptions.Item label="代办人" span={2}>
            <PartyRows p={d.agent} />
          </Descriptions.Item>
        )}
        <Descriptions.Item label="受理日期">{d.acceptedOn ?? '未受理'}</Descriptions.Item>
        <Descriptions.Item label="办结时限">
          {d.dueDate ? (
            <>
              <DueDate date={d.dueDate} provisional={d.dueProvisional} /> <WorkdaysLeft value={d.workdaysLeft} />
            </>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="办理时限" span={2}>
          {d.timeLimitText}
          {d.ruleText && d.ruleText !== d.timeLimitText ? `（适用：${d.ruleText}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="经办人">
          {d.clerkName}（{d.counter} 号窗口）
        </Descriptions.Item>
        <Descriptions.Item label="查询码">
          <span className="case-mono">{d.queryCode}</span>
        </Descriptions.Item>
        {d.answerLabels.length > 0 && (
          <Descriptions.Item label="办理情形" span={2}>
            {d.answerLabels.join('；')}
          </Descriptions.Item>
        )}
        {d.reason && (
          <Descriptions.Item label="理由" span={2}>
            {d.reason}
          </Descriptions.Item>
        )}
        {d.result && (
          <Descriptions.Item label="办理结果" span={2}>
            {d.result}
          </Descriptions.Item>
        )}
        {d.message && (
          <Descriptions.Item label="告知申请人" span={2}>
            {d.message}
          </Descriptions.Item>
        )}
      </Descriptions>

      <section className="case-section">
        <h5>可执行操作</h5>
        <CaseActions detail={d} />
      </section>

      <section className="case-section">
        <h5>申请材料</h5>
        <Table
          size="small"
          rowKey="seq"
          pagination={false}
          dataSource={d.materials}
          columns={[
            { title: '#', dataIndex: 'seq', width: 40 },
            { title: '材料', dataIndex: 'name', render: (name: string, m) => (m.conditionLabel ? `${name}（${m.conditionLabel}）` : name) },
            {
              title: '状态',
              dataIndex: 'status',
              width: 120,
              render: (s: CaseDetail['materials'][number]['status']) => <Tag color={materialReceived(s) ? 'green' : 'red'}>{MATERIAL_STATUS_LABELS[s]}</Tag>,
            },
            { title: '说明', dataIndex: 'note', width: 200, render: (n: string | null) => n ?? '' },
            { title: '扫描件', dataIndex: 'seq', key: 'pages', width: 70, render: (seq: string) => `${bySeq.get(seq)?.length ?? 0} 页` },
          ]}
        />
      </section>

      <section className="case-section">
        <h5>材料扫描件</h5>
        <MaterialScans caseNo={d.caseNo} materials={d.materials} editable={!FINAL_STATUSES.includes(d.status)} />
      </section>

      {formEntries.length > 0 && (
        <section className="case-section">
          <h5>受理信息</h5>
          <Descriptions size="small" column={2} bordered>
            {formEntries.map(([k, v]) => (
              <Descriptions.Item key={k} label={k}>
                {v}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </section>
      )}

      <section className="case-section">
        <h5>文书</h5>
        {d.documents.length === 0 ? (
          <div className="case-muted">无</div>
        ) : (
          <div className="case-docs">
            {d.documents.map((doc) => (
              <div key={doc.id} className="case-doc-row">
                <span>{doc.title}</span>
                <span className="case-muted">{hallDayjs(doc.createdAt).format('YYYY-MM-DD HH:mm')}</span>
                <Button size="small" onClick={() => setPreview(doc.id)}>
                  预览
                </Button>
                <Button size="small" onClick={() => void downloadDocumentPdf(client, doc.id).catch((e: unknown) => void message.error(errorText(e)))}>
                  下载PDF
                </Button>
                <ReceiptActions documentId={doc.id} size="small" />
              </div>
            ))}
          </div>
        )}
      </section>

      <section className="case-section">
        <h5>办理记录</h5>
        <Timeline
          items={d.history.map((h) => ({
            color: h.toStatus === 'refused' || h.toStatus === 'rejected' ? 'red' : h.toStatus === 'completed' ? 'green' : 'blue',
            content: (
              <div className="case-history">
                <div>
                  <strong className="party-part">{actionLabel(h.action)}</strong>
                  {h.fromStatus ? `${statusLabel(h.fromStatus)} → ` : ''}
                  {statusLabel(h.toStatus)}
                </div>
                <div className="case-muted">
                  <span className="party-part">{hallDayjs(h.at).format('YYYY-MM-DD HH:mm:ss')}</span>
                  {h.actor}
                  {h.counter !== null ? `（${h.counter} 号窗口）` : ''}
                </div>
                {h.note && <div>{h.note}</div>}
              </div>
            ),
          }))}
        />
      </section>

      <Modal open={preview !== null} onCancel={() => setPreview(null)} footer={null} width={800} title="文书预览" destroyOnHidden>
        {preview !== null && <DocumentPreview id={preview} />}
      </Modal>
    </div>
  );
}

function actionLabel(action: string): string {
  return CASE_ACTION_LABELS[action as CaseAction] ?? action;
}
function statusLabel(status: string): string {
  return CASE_STATUS_LABELS[status as CaseStatus] ?? status;
}

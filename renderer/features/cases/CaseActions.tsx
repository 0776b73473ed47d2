import { useState } from 'react';
import { Alert, App, Button, Checkbox, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { CASE_ACTION_LABELS, CASE_STATUS_LABELS, MATERIAL_STATUSES, MATERIAL_STATUS_LABELS, TRANSITIONS, type MaterialStatus } from '../../../shared/cases/model';
import type { CaseDetail } from '../../../shared/contract/cases';

type Action = keyof typeof TRANSITIONS;

const ORDER: Action[] = ['approve', 'pay', 'complete', 'return', 'reject', 'resubmit', 'withdraw'];

/** What each action asks for before it is sent. */
const ASK: Record<Action, { label: string; required: boolean; placeholder: string; danger?: boolean }> = {
  approve: { label: '审核意见', required: false, placeholder: '可不填' },
  return: { label: '退回理由', required: true, placeholder: '将写入一次性告知书' },
  reject: { label: '不通过理由', required: true, placeholder: '如：不符合享受待遇条件（注明依据）', danger: true },
  pay: { label: '拨付说明', required: false, placeholder: '如：已拨付至申请人银行账户' },
  complete: { label: '办理结果', required: true, placeholder: '如：已办结，待遇自次月起享受' },
  withdraw: { label: '撤回原因', required: true, placeholder: '如：申请人本人申请撤回', danger: true },
  resubmit: { label: '说明', required: false, placeholder: '可不填' },
};

/** The actions TRANSITIONS allows from the case's status (拨付 only for items that pay). */
export function allowedActions(detail: Pick<CaseDetail, 'status' | 'pays'>): Action[] {
  return ORDER.filter((a) => TRANSITIONS[a].from.includes(detail.status) && (a !== 'pay' || detail.pays));
}

export function CaseActions({ detail }: { detail: CaseDetail }) {
  const [open, setOpen] = useState<Action | null>(null);
  const actions = allowedActions(detail);
  if (actions.length === 0) return <div className="case-muted">本办件已终结，无可执行的操作。</div>;
  return (
    <>
      <div className="case-actions" data-testid="case-actions">
        {actions.map((a) => (
          <Button key={a} autoInsertSpace={false} type={a === 'approve' || a === 'complete' ? 'primary' : 'default'} danger={ASK[a].danger} onClick={() => setOpen(a)}>
            {CASE_ACTION_LABELS[a]}
          </Button>
        ))}
      </div>
      {open && <ActionModal action={open} detail={detail} onClose={() => setOpen(null)} />}
    </>
  );
}

function ActionModal({ action, detail, onClose }: { action: Action; detail: CaseDetail; onClose: () => void }) {
  const { client, orpc } = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const ask = ASK[action];
  const [text, setText] = useState('');
  const [missingText, setMissingText] = useState(false);
  const [defects, setDefects] = useState<Record<string, string | undefined>>({});
  const [statuses, setStatuses] = useState<Record<string, MaterialStatus>>(() => Object.fromEntries(detail.materials.map((m) => [m.seq, m.status])));

  const run = useMutation({
    mutationFn: async (): Promise<CaseDetail> => {
      const caseNo = detail.caseNo;
      const t = text.trim();
      switch (action) {
        case 'approve':
        case 'reject':
          return client.cases.review({ caseNo, decision: action, ...(t ? { reason: t } : {}) });
        case 'return':
          return client.cases.review({
            caseNo,
            decision: 'return',
            reason: t,
            defects: Object.entries(defects)
              .filter((e): e is [string, string] => e[1] !== undefined)
              .map(([seq, note]) => ({ seq, note: note.trim() || '不符合要求' })),
          });
        case 'pay':
          return client.cases.pay({ caseNo, ...(t ? { note: t } : {}) });
        case 'complete':
          return client.cases.complete({ caseNo, result: t });
        case 'withdraw':
          return client.cases.withdraw({ caseNo, reason: t });
        case 'resubmit':
          return client.cases.resubmit({ caseNo, materials: detail.materials.map((m) => ({ seq: m.seq, status: statuses[m.seq] ?? m.status })) });
      }
    },
    onSuccess: (d) => {
      void message.success(`${CASE_ACTION_LABELS[action]}完成，办件状态：${CASE_STATUS_LABELS[d.status]}`);
      queryClient.setQueryData(orpc.cases.get.queryKey({ input: { caseNo: d.caseNo } }), d);
      void queryClient.invalidateQueries({ queryKey: orpc.cases.key() });
      onClose();
    },
  });

  const ok = () => {
    if (ask.required && text.trim() === '') return setMissingText(true);
    run.mutate();
  };

  return (
    <Modal
      open
      title={`${CASE_ACTION_LABELS[action]}：${detail.caseNo}`}
      okText={`确认${CASE_ACTION_LABELS[action]}`}
      cancelText="取消"
      okButtonProps={{ danger: ask.danger, loading: run.isPending }}
      onOk={ok}
      onCancel={onClose}
      width={action === 'return' || action === 'resubmit' ? 640 : 480}
      destroyOnHidden
    >
      {action === 'return' && (
        <div className="case-defects">
          <div className="case-muted">勾选需要补正的材料，并写明问题：</div>
          {detail.materials.map((m) => (
            <div key={m.seq} className="case-defect-row">
              <Checkbox checked={defects[m.seq] !== undefined} onChange={(e) => setDefects((d) => ({ ...d, [m.seq]: e.target.checked ? '' : undefined }))}>
                {m.name}
              </Checkbox>
              {defects[m.seq] !== undefined && (
                <Input size="small" maxLength={200} placeholder="问题，如：印章不清晰" value={defects[m.seq]} onChange={(e) => setDefects((d) => ({ ...d, [m.seq]: e.target.value }))} />
              )}
            </div>
          ))}
        </div>
      )}
      {action === 'resubmit' && (
        <div className="case-defects">
          <div className="case-muted">核对补正后的材料：</div>
          {detail.materials.map((m) => (
            <div key={m.seq} className="case-defect-row">
              <span className="case-defect-name">{m.name}</span>
              <Select<MaterialStatus>
                size="small"
                style={{ width: 140 }}
                value={statuses[m.seq]}
                onChange={(s) => setStatuses((prev) => ({ ...prev, [m.seq]: s }))}
                options={MATERIAL_STATUSES.filter((s) => s !== 'promise' || m.promiseAllowed).map((s) => ({ value: s, label: MATERIAL_STATUS_LABELS[s] }))}
              />
            </div>
          ))}
        </div>
      )}
      {action !== 'resubmit' && (
        <>
          <div className="case-ask-label">
            {ask.label}
            {ask.required ? '（必填）' : ''}
          </div>
          <Input.TextArea
            autoFocus
            aria-label={ask.label}
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={action === 'pay' ? 200 : 500}
            placeholder={ask.placeholder}
            value={text}
            status={missingText ? 'error' : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setMissingText(false);
            }}
          />
          {missingText && <div className="field-error">请填写{ask.label}</div>}
        </>
      )}
      {run.isError && <Alert style={{ marginTop: 10 }} type="error" showIcon title={errorText(run.error)} data-testid="action-error" />}
    </Modal>
  );
}

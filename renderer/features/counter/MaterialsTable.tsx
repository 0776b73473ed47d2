import type { KeyboardEvent } from 'react';
import { Button, Input, Select, Tag, Tooltip } from 'antd';
import { MATERIAL_STATUSES, MATERIAL_STATUS_LABELS, type MaterialStatus } from '../../../shared/cases/model';
import type { Requirements } from '../../../shared/contract/cases';

export interface MaterialState {
  status: MaterialStatus;
  note?: string;
}
type Material = Requirements['materials'][number];

/** The statuses a material may take: 个人承诺代替 only where the source allows a promise. */
export function allowedStatuses(m: Material): MaterialStatus[] {
  return MATERIAL_STATUSES.filter((s) => s !== 'promise' || m.promiseAllowed);
}

interface Props {
  materials: Material[];
  states: Record<string, MaterialState>;
  onChange: (seq: string, state: MaterialState) => void;
  onAllReceived: () => void;
  errors?: Record<string, string>;
  /** Questions of 办理情形 still unanswered: the list may grow once they are. */
  pendingAnswers?: boolean;
}

/**
 * 材料清单: one row per material; the focused row takes 1–6 for its status (1 已收原件 … 6 不符合要求),
 * ↑/↓ move between rows.
 */
export function MaterialsTable({ materials, states, onChange, onAllReceived, errors = {}, pendingAnswers = false }: Props) {
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, m: Material) => {
    const target = e.target as HTMLElement;
    // Digits typed into the defect note are text, not a status.
    if (target.closest('.mat-note') || e.ctrlKey || e.altKey || e.metaKey) return;
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= MATERIAL_STATUSES.length) {
      const status = MATERIAL_STATUSES[n - 1]!;
      e.preventDefault();
      if (allowedStatuses(m).includes(status)) onChange(m.seq, { ...states[m.seq], status });
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const row = e.currentTarget;
      const next = (e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
      if (next && target === row) {
        e.preventDefault();
        next.focus();
      }
    }
  };

  if (materials.length === 0) {
    return (
      <div className="materials counter-empty" data-testid="materials">
        {pendingAnswers ? '回答上面的办理情形后列出所需材料。' : '此事项清单未列申请材料。'}
      </div>
    );
  }

  return (
    <div className="materials" data-testid="materials">
      <div className="materials-hint">
        <Tooltip title={MATERIAL_STATUSES.map((st, i) => `${i + 1} ${MATERIAL_STATUS_LABELS[st]}`).join('　')}>
          <span className="materials-keys">选中一行按数字键 1–{MATERIAL_STATUSES.length} 设状态</span>
        </Tooltip>
        <Button size="small" onClick={onAllReceived}>
          全部已收原件
        </Button>
      </div>
      <table className="materials-table">
        <thead>
          <tr>
            <th style={{ width: 28 }}>#</th>
            <th>材料</th>
            <th style={{ width: 142 }}>状态</th>
          </tr>
        </thead>
        <tbody>
          {materials.map((m) => {
            const state = states[m.seq] ?? { status: 'missing' as const };
            const bad = state.status === 'missing' || state.status === 'defective';
            return (
              <tr key={m.seq} tabIndex={0} className={bad ? 'is-bad' : undefined} onKeyDown={(e) => onRowKey(e, m)} data-testid={`material-${m.seq}`} aria-label={`材料 ${m.name}`}>
                <td className="mat-seq">{m.seq}</td>
                <td>
                  <div className="mat-name">
                    {m.name}
                    {m.conditionLabel && <Tag className="mat-tag">{m.conditionLabel}</Tag>}
                    {m.dataSharing && (
                      <Tooltip title="可通过数据共享获取，申请人无需提供">
                        <Tag color="blue" className="mat-tag">
                          可共享
                        </Tag>
                      </Tooltip>
                    )}
                    {m.promiseAllowed && (
                      <Tag color="green" className="mat-tag">
                        可承诺
                      </Tag>
                    )}
                  </div>
                  {m.notes.length > 0 && <div className="mat-notes">{m.notes.join('；')}</div>}
                  {(state.status === 'defective' || errors[m.seq]) && (
                    <Input
                      size="small"
                      className="mat-note"
                      placeholder="不符合要求之处，如：复印件不清晰"
                      value={state.note ?? ''}
                      maxLength={200}
                      status={errors[m.seq] ? 'error' : undefined}
                      onChange={(e) => onChange(m.seq, { ...state, note: e.target.value })}
                    />
                  )}
                  {errors[m.seq] && <div className="field-error">{errors[m.seq]}</div>}
                </td>
                <td>
                  <Select<MaterialStatus>
                    size="small"
                    value={state.status}
                    aria-label={`${m.name} 状态`}
                    style={{ width: 136 }}
                    popupMatchSelectWidth={false}
                    onChange={(status) => onChange(m.seq, { ...state, status })}
                    options={allowedStatuses(m).map((s) => ({ value: s, label: `${MATERIAL_STATUSES.indexOf(s) + 1} ${MATERIAL_STATUS_LABELS[s]}` }))}
                    className={`mat-status is-${state.status}`}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import { useState } from 'react';
import { Input, Modal, Radio, Select, Space, Tag } from 'antd';
import type { QueueSnapshot, Ticket } from '../../../shared/contract/queue';
import { counterLabel } from './labels';

export type TransferTarget = { toCategory: string } | { toCounter: number };

/** 转窗: send the current ticket to another category's line or to a given counter. */
export function TransferModal({
  open,
  ticket,
  snapshot,
  myCounter,
  onCancel,
  onOk,
  busy,
}: {
  open: boolean;
  ticket: Ticket | null;
  snapshot: QueueSnapshot | null;
  myCounter: number | undefined;
  onCancel: () => void;
  onOk: (target: TransferTarget) => void;
  busy: boolean;
}) {
  const [mode, setMode] = useState<'category' | 'counter'>('category');
  const [category, setCategory] = useState<string | undefined>();
  const [counter, setCounter] = useState<number | undefined>();
  const categories = (snapshot?.categories ?? []).filter((c) => c.enabled && c.id !== ticket?.categoryId);
  const counters = (snapshot?.counters ?? []).filter((c) => c.number !== myCounter);
  const ready = mode === 'category' ? category !== undefined : counter !== undefined;
  return (
    <Modal
      title={`转窗：${ticket?.label ?? ''}`}
      open={open}
      onCancel={onCancel}
      okText="转出"
      okButtonProps={{ disabled: !ready, loading: busy }}
      onOk={() => ready && onOk(mode === 'category' ? { toCategory: category! } : { toCounter: counter! })}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'category' | 'counter')} optionType="button">
          <Radio value="category">转到业务类别</Radio>
          <Radio value="counter">转到指定窗口</Radio>
        </Radio.Group>
        {mode === 'category' ? (
          <Select aria-label="转到业务类别" style={{ width: '100%' }} placeholder="选择业务类别" value={category} onChange={setCategory} options={categories.map((c) => ({ value: c.id, label: `${c.id} ${c.name}（等候 ${c.waiting} 人）` }))} />
        ) : (
          <Select
            aria-label="转到窗口"
            style={{ width: '100%' }}
            placeholder="选择窗口"
            value={counter}
            onChange={setCounter}
            options={counters.map((c) => ({ value: c.number, label: `${counterLabel(c)}${c.open ? '' : '（已关闭）'}`, disabled: !c.open }))}
          />
        )}
        <span className="queue-hint">转出后该号回到等候队列（排在原取号时间的位置），由目标窗口叫号。</span>
      </Space>
    </Modal>
  );
}

const PAUSE_REASONS = ['午间休息', '临时离开', '业务咨询', '系统故障', '参加会议'];

/** 暂停服务 needs a reason (domain.md §1): it is kept and shown on the board and console. */
export function PauseModal({ open, onCancel, onOk, busy }: { open: boolean; onCancel: () => void; onOk: (reason: string) => void; busy: boolean }) {
  const [reason, setReason] = useState('');
  const ok = reason.trim().length > 0;
  return (
    <Modal title="暂停服务" open={open} onCancel={onCancel} okText="暂停" okButtonProps={{ disabled: !ok, loading: busy }} onOk={() => ok && onOk(reason.trim())} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input aria-label="暂停原因" placeholder="请填写暂停原因" maxLength={50} value={reason} onChange={(e) => setReason(e.target.value)} onPressEnter={() => ok && onOk(reason.trim())} autoFocus />
        <div>
          {PAUSE_REASONS.map((r) => (
            <Tag.CheckableTag key={r} checked={reason === r} onChange={() => setReason(r)}>
              {r}
            </Tag.CheckableTag>
          ))}
        </div>
      </Space>
    </Modal>
  );
}

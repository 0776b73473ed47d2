/**
 * Case handling vocabulary shared by core, renderer and documents: states, the transitions
 * allowed between them, material statuses, and the Chinese words clerks use for each.
 */
export const CASE_STATUSES = [
  'accepted', // 已受理, waiting for 审核
  'correction_requested', // 一次性告知补正 at intake: not accepted yet
  'refused', // 不予受理 (final)
  'returned', // 审核退回补正
  'approved', // 审核通过, waiting for 拨付 or 办结
  'paid', // 已拨付, waiting for 办结
  'completed', // 已办结 (final)
  'rejected', // 审核不通过 (final)
  'withdrawn', // 申请人撤回 (final)
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  accepted: '已受理',
  correction_requested: '待补正（未受理）',
  refused: '不予受理',
  returned: '退回补正',
  approved: '审核通过',
  paid: '已拨付',
  completed: '已办结',
  rejected: '审核不通过',
  withdrawn: '已撤回',
};

export const CASE_ACTIONS = ['accept', 'refuse', 'requestCorrection', 'approve', 'return', 'reject', 'pay', 'complete', 'withdraw', 'resubmit'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  accept: '受理',
  refuse: '不予受理',
  requestCorrection: '一次性告知补正',
  approve: '审核通过',
  return: '退回补正',
  reject: '审核不通过',
  pay: '拨付',
  complete: '办结',
  withdraw: '撤回',
  resubmit: '补正后受理',
};

/** From which states each action may be taken. Anything else is refused with a clear message. */
export const TRANSITIONS: Record<Exclude<CaseAction, 'accept' | 'refuse' | 'requestCorrection'>, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  approve: { from: ['accepted'], to: 'approved' },
  return: { from: ['accepted', 'approved'], to: 'returned' },
  reject: { from: ['accepted'], to: 'rejected' },
  pay: { from: ['approved'], to: 'paid' },
  complete: { from: ['approved', 'paid'], to: 'completed' },
  withdraw: { from: ['accepted', 'returned', 'approved', 'correction_requested'], to: 'withdrawn' },
  resubmit: { from: ['returned', 'correction_requested'], to: 'accepted' },
};

export const FINAL_STATUSES: readonly CaseStatus[] = ['refused', 'completed', 'rejected', 'withdrawn'];

/** Statuses whose time limit is running (the case is the office's to finish). */
export const RUNNING_STATUSES: readonly CaseStatus[] = ['accepted', 'approved', 'paid'];

export const MATERIAL_STATUSES = ['original', 'copy', 'dataSharing', 'promise', 'missing', 'defective'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

export const MATERIAL_STATUS_LABELS: Record<MaterialStatus, string> = {
  original: '已收原件',
  copy: '已收复印件',
  dataSharing: '数据共享获取',
  promise: '个人承诺代替',
  missing: '缺少',
  defective: '不符合要求',
};

/** A material counts as received when the case may go ahead with it. */
export function materialReceived(status: MaterialStatus): boolean {
  return status !== 'missing' && status !== 'defective';
}

/** 拨付 applies to items whose process has a payment step. */
export function itemPays(process: { text?: string; steps: readonly string[] }): boolean {
  return process.steps.some((s) => s.includes('拨付') || s.includes('支付')) || (process.text ?? '').includes('拨付');
}

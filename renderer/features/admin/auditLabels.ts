/** Chinese names of audit actions, for the 审计日志 screen and its export. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'setup.complete': '首次设置',
  'training.seed': '生成培训数据',
  'training.leave': '退出培训模式',
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.login_refused': '拒绝登录',
  'auth.lockout': '账号锁定',
  'auth.logout': '退出登录',
  'auth.lock': '锁定屏幕',
  'auth.idle_lock': '无操作自动锁屏',
  'auth.unlock': '解锁',
  'auth.password_change': '修改密码',
  'auth.password_change_failed': '修改密码失败',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.reset_password': '重置密码',
  'device.issue': '生成设备令牌',
  'device.revoke': '作废设备令牌',
  'settings.update': '修改设置',
  'audit.view': '查看审计日志',
  'audit.export': '导出审计日志',
  'calendar.import': '导入节假日安排',
  'access.denied': '越权访问被拒绝',
  'person.view': '查看个人信息',
};

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

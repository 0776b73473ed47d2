/**
 * The one catalog of user-facing error messages (zh-CN). Core attaches these to typed errors so
 * the renderer, the CLI and logs all speak the same words; English details go to logs only.
 */
export const errorMessages = {
  BAD_REQUEST: '输入内容有误，请检查后重试',
  UNAUTHORIZED: '请先登录',
  FORBIDDEN: '您没有执行此操作的权限',
  NOT_FOUND: '未找到相关记录',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  SETTINGS_INVALID: '设置内容不符合要求',
  DB_TOO_NEW: '数据库由更新版本的程序写入，请升级本程序后再打开',
  DB_UNAVAILABLE: '数据库暂时无法访问，请稍后重试',
  INTERNAL: '系统内部错误，请联系系统管理员',
  SETUP_REQUIRED: '系统尚未完成首次设置',
  LOGIN_FAILED: '用户名或密码错误',
  ACCOUNT_LOCKED: '密码错误次数过多，账号已暂时锁定',
  ACCOUNT_DISABLED: '该账号已停用，请联系系统管理员',
  SESSION_LOCKED: '屏幕已锁定，请输入密码解锁',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  PASSWORD_WEAK: '密码至少8位，且须同时包含字母和数字',
  TRAINING_ONLY: '该操作只能在培训模式下进行',
  CALENDAR_NOT_PUBLISHED: '该年节假日安排（日历）未发布，无法按工作日计算，请导入国务院公布的节假日安排',
  CALENDAR_DATA_INVALID: '日历数据文件格式错误，未导入',
  DEVICE_ERROR: '设备操作失败，请检查设备后重试',
} as const;

export type AppErrorCode = keyof typeof errorMessages;

export const appErrorCodes = Object.keys(errorMessages) as AppErrorCode[];

/** The queue's words for the kiosk and the console (docs/queue.md § Numbering). */
export const queueMessages = {
  /** Every label of the line's number range is still waiting or being served. */
  rangeUsedUp: '今日该类号码已取完，请咨询引导台',
} as const;

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
  PASSWORD_CHANGE_REQUIRED: '请先修改初始密码',
  TOO_MANY_REQUESTS: '操作过于频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容过大，未受理',
} as const;

export type AppErrorCode = keyof typeof errorMessages;

/** What the Electron shell tells the clerk when core (the system service) stops. */
export const shellMessages = {
  title: '医保经办窗口',
  coreRestarted: '系统服务意外停止，已自动重新启动。请检查刚才的操作是否已保存。',
  coreFailedAgain: '系统服务再次意外停止，程序将关闭。请联系系统管理员，并提供数据文件夹中 logs 与 crash-dumps 里的记录。',
  coreCannotStart: '系统服务无法启动，程序将关闭。',
} as const;

/** 暂定办结日期 and the next year's calendar (docs/cases.md#time-limits). */
export const calendarMessages = {
  /** After a due date counted Monday–Friday in a year whose arrangement is not loaded. */
  provisionalMark: '暂定',
  provisionalNote: '暂定：该年节假日安排尚未导入，按周一至周五计算，导入后自动重新计算',
  nextYearMissing: (year: number) => `${year}年节假日安排尚未导入`,
  recomputeFailed: '日历已导入，但暂定办结日期未能重新计算，请再导入一次同一文件',
} as const;

/** The queue's words for the kiosk and the console (docs/queue.md § Numbering). */
export const queueMessages = {
  /** Every label of the line's number range is still waiting or being served. */
  rangeUsedUp: '今日该类号码已取完，请咨询引导台',
} as const;

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
  importHoldsNoYear: '日历数据文件格式错误：文件中没有任何年份（years 为空），未导入',
  dueDateNeedsTimeLimit: '请给出办理时限或事项',
} as const;

/** The queue's words for the kiosk and the console (docs/queue.md § Numbering). */
export const queueMessages = {
  /** Every label of the line's number range is still waiting or being served. */
  rangeUsedUp: '今日该类号码已取完，请咨询引导台',
} as const;

/*
 * The texts below are the `userText` of AppErrors thrown in electron/core (all but queue/, sync/
 * and scanning/, still to convert). A `new AppError(` there carries no Chinese of its own:
 * tests/unit/lint/error-texts.test.ts fails on one that does.
 */

/** Core as a whole: profiles, client request ids, PDF fonts. */
export const systemMessages = {
  profileSwitchUnsupported: '当前运行方式不支持切换培训模式',
  requestIdReused: '请求编号重复，请重新操作',
  requestAnswerLost: '该业务已办理，但结果在传回时中断：请刷新后查看，不要重复提交',
  cjkFontMissing: '未找到可用的中文字体，无法生成PDF文书。请安装中文字体（如 Noto Sans CJK 或文泉驿微米黑），或由管理员设置 MEDINS_CJK_FONT 指向字体文件。',
} as const;

/** Sign-in, passwords, users, device tokens, first run and the kiosk PIN (docs/security.md). */
export const authMessages = {
  wrongPassword: (attemptsLeft: number) => `用户名或密码错误（再错 ${attemptsLeft} 次将锁定账号）`,
  tooManyAttempts: (seconds: number) => `登录尝试过于频繁，请 ${seconds} 秒后再试`,
  wrongCurrentPassword: '原密码不正确',
  samePassword: '新密码不能与原密码相同',
  deviceTokenNotFound: '未找到该设备令牌',
  setupAlreadyComplete: '首次设置已完成',
  userNotFound: '未找到该用户',
  usernameTaken: (username: string) => `用户名 ${username} 已被使用`,
  usernameTakenField: '该用户名已被使用',
  lastAdmin: '至少需要保留一名可用的系统管理员',
  cannotDisableSelf: '不能停用自己的账号',
  kioskPinFormat: '取号机解锁密码应为 6–12 位数字',
  kioskPinLocked: '解锁密码错误次数过多，请稍后再试',
  kioskPinNotSet: '尚未设置取号机解锁密码，请管理员在「用户管理 → 设备令牌」中设置',
  kioskPinWrong: '解锁密码不正确',
} as const;

/** The five catalog sources (docs/catalog.md). */
export const catalogMessages = {
  sourceNotLoaded: (id: string, loaded: string) => `没有名为“${id}”的事项目录，可选：${loaded || '（无）'}`,
  /** `source` null: searched in every source. */
  itemNotFound: (ref: string, source: string | null) => `在${source === null ? '各事项目录' : `“${source}”`}中未找到事项“${ref}”`,
} as const;

/** Intake and the case lifecycle (docs/cases.md). */
export const caseMessages = {
  caseNosUsedUp: '本窗口今日办件编号已用完',
  caseNotFound: (caseNo: string) => `未找到办件 ${caseNo}`,
  queryCodeNotFound: '未找到该查询码对应的办件，请核对受理回执上的查询码',
  itemNotFound: (ref: string) => `未找到事项“${ref}”`,
  itemNotFoundField: '未找到该事项',
  documentNotFound: '未找到该文书',
  materialsIncomplete: (count: number) => `材料不齐，不能受理：缺少或不符合要求的材料共 ${count} 项`,
  notInstant: '该事项不是即办件，不能当场办结',
  caseClosed: '该办件已结束',
  actionNotAllowed: (action: string) => `当前状态不能${action}`,
  /** `why`: caseClosed or actionNotAllowed. */
  transitionRefused: (why: string, caseNo: string) => `${why}（办件 ${caseNo}）`,
  noPaymentStep: '该事项没有拨付环节',
  reasonRequired: (action: string) => `请填写${action}的原因`,
  resultRequired: '请填写办理结果',
  materialsStillMissing: (names: string[]) => `仍缺少或不符合要求的材料：${names.join('、')}`,
  materialStillMissingField: '仍缺少或不符合要求',
  itemGone: '该事项已不在事项清单中',
  changedMeanwhile: (caseNo: string) => `该办件刚被他人处理，请刷新后重试（办件 ${caseNo}）`,
} as const;

/** Scanned pages of a case's materials (docs/scanning.md). */
export const attachmentMessages = {
  caseNotFound: '未找到该办件',
  caseClosed: '该办件已结束，不能再修改材料扫描件',
  pageNotFound: '未找到该页，可能已被删除',
  noSuchMaterial: '该办件没有这项材料',
  imageMissing: '该页的图像文件找不到了，请检查附件存储目录',
  noPages: '该材料还没有扫描件',
} as const;

/** Reports and 好差评 (docs/stats.md). */
export const statsMessages = {
  drillTooLong: (days: number) => `明细最多查看 ${days} 天，请缩小日期范围`,
  lowRatingReason: '请告诉我们不满意的原因',
  lowRatingReasonField: '请选择或填写不满意的原因',
  ticketNotFound: '未找到该号码',
  ticketNotFinished: (label: string) => `${label} 号尚未办结，办结后才能评价`,
  ticketAlreadyRated: (label: string) => `${label} 号已评价过，感谢您的参与`,
  followUpNotFound: '未找到该差评回访',
  followUpClosed: '该差评回访已办结',
  badDate: '日期无效，格式应为 YYYY-MM-DD',
  endBeforeStart: '结束日期不能早于开始日期',
  rangeTooLong: '统计范围过长（最多六年）',
} as const;

/** Receipts, the print queue and printer settings (docs/printing.md). */
export const printingMessages = {
  addressInvalid: '打印机地址应为 tcp://IP地址:端口，如 tcp://192.168.1.50:9100',
  serialPortMissing: '请填写打印机串口，如 COM3 或 /dev/ttyUSB0',
  ticketNotFound: '未找到该号码',
  jobNotFound: '未找到该打印任务',
  jobPrinting: '该任务正在打印，请稍候',
  jobNotCancellable: '只有等待中或失败的任务可以不再打印',
  templateUnreadable: (kind: string) => `小票模板缺失或无法读取（${kind}.json），请联系系统管理员`,
  templateInvalid: (kind: string) => `小票模板格式错误（${kind}.json），请联系系统管理员`,
} as const;

/** ID card, 社保卡 and 医保电子凭证 readers (docs/devices.md). */
export const deviceMessages = {
  sscardDisabled: '社保卡读卡器未启用',
  evoucherDisabled: '电子凭证解码服务未启用',
  notSimulator: '当前读卡器不是模拟器，不能放置模拟证件',
  noSimulatedCard: '没有这张模拟证件',
  evoucherUnreachable: '电子凭证解码服务无法连接',
  evoucherInvalid: '电子凭证无效或已过期，请刷新后重新出示',
  evoucherIdInvalid: (reason: string) => `电子凭证返回的证件号码无效：${reason}`,
  sscardBridgeMissing: '未检测到社保卡读卡服务',
  sscardReadFailed: '读社保卡失败，请重新插卡',
  readerNotStarted: '读卡器未启动',
  placeCard: '请放置证件',
  noReader: '未检测到读卡器',
  noCardRead: '未读到证件，请放置证件',
  readFailedPlaceAgain: '读卡失败，请重新放置',
  vendorServiceMissing: '未检测到读卡器（厂商读卡服务未启动）',
  vendorServiceAbnormal: '读卡器服务应答异常',
  readFailed: (why: string) => `读卡失败：${why}`,
} as const;

/** 预约办理 (electron/core/appointments/). */
export const appointmentMessages = {
  noPlan: (category: string) => `「${category}」未开放预约`,
  unknownCategory: (category: string) => `没有业务类别“${category}”`,
  badHours: (why: string) => `预约时间段设置有误：${why}`,
  notWorkday: '非工作日，不接受预约',
  dayClosed: (reason: string) => `当日暂停预约：${reason}`,
  noSuchSlot: (start: string) => `没有 ${start} 开始的预约时段`,
  slotFull: (start: string, end: string) => `${start}–${end} 时段已约满，请选择其他时段`,
  slotPast: '该时段已过，不能再预约',
  alreadyBooked: (day: string, start: string) => `此人当天已有预约（${day} ${start}），不能重复预约`,
  idInvalid: (why: string | undefined) => `证件号码无效：${why ?? '请核对'}`,
  idInvalidField: (why: string | undefined) => why ?? '证件号码无效',
  bookingNotFound: '未找到预约',
  notBooked: '该预约已签到或已取消',
  noBookingToday: '未找到您今天的预约，请核对证件或预约码，或取普通号',
  notToday: (day: string, start: string, end: string) => `您的预约是 ${day} ${start}–${end}，不是今天`,
  tooEarly: (start: string, end: string, opensAt: string) => `您的预约时段是 ${start}–${end}，请于 ${opensAt} 后签到`,
  cancelReasonRequired: '请填写取消预约的原因',
  closeReasonRequired: '请填写暂停预约的原因（会告知预约人）',
  // The exchange with the upstream (线上预约 pulled, 签到/爽约/取消 sent back).
  cancelledOnline: '申请人已在线上取消',
  pulledUnknownCategory: (category: string) => `本厅没有业务类别“${category}”`,
  pulledBadSlot: (start: string, end: string) => `预约时段 ${start}–${end} 不正确`,
  pulledCodeTaken: (code: string) => `预约码 ${code} 已被本厅另一条预约使用`,
  pulledMalformed: (field: string) => `预约数据格式不正确${field ? `（${field}）` : ''}`,
  pullNoAnswer: (error: string) => `拉取线上预约无应答：${error}`,
  pullFailed: (status: number, reason: string) => `拉取线上预约失败：HTTP ${status} ${reason}`,
  pullMalformed: '上级平台返回的预约数据格式不正确，已记录日志',
  noEvent: '该预约没有待回传的结果',
  eventAcked: '该预约结果已回传成功，无需重发',
} as const;

/** What the kiosk tells a booked visitor after check-in (not errors). */
export const checkInMessages = {
  inSlot: (label: string) => `签到成功，${label} 号已进入预约优先队列`,
  early: (label: string, start: string) => `签到成功，${label} 号将于 ${start} 起优先叫号，请留意叫号屏`,
  late: (start: string, end: string, label: string) => `您的预约时段（${start}–${end}）已过，已按普通号为您取号 ${label}`,
} as const;

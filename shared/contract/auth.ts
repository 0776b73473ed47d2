import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { publicProc, sessionProc, setupProc, userProc } from './base';

const roleSchema = z.enum(ROLES);
const username = z.string().trim().max(32).regex(/^[A-Za-z0-9_.-]{2,32}$/, '用户名为2–32位字母、数字或 _ . -');
const displayName = z.string().trim().min(1, '请填写姓名').max(20, '姓名不超过20个字');
const password = z.string().min(1, '请输入密码').max(128);
const counters = z.array(z.int().min(1).max(999)).max(50);

export const userSummarySchema = z.object({
  id: z.int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  counters: z.array(z.int()),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const sessionInfoSchema = z.object({
  user: userSummarySchema,
  locked: z.boolean(),
  expiresAt: z.string(),
  idleLockMinutes: z.int(),
  training: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const loginResultSchema = sessionInfoSchema.extend({ token: z.string() });

export const setupStatusSchema = z.object({
  setupComplete: z.boolean(),
  training: z.boolean(),
  hallName: z.string(),
  /** In training, the sample accounts are shown on the login screen. */
  trainingAccounts: z.array(z.object({ username: z.string(), password: z.string(), roles: z.array(roleSchema) })),
});

export const setupInputSchema = z.object({
  admin: z.object({ username, displayName, password }),
  hall: z.object({
    name: z.string().trim().min(1, '请填写大厅名称').max(60),
    regionCode: z.string().max(6).regex(/^\d{6}$/, '医保区划代码应为6位数字'),
    /** 咨询电话 and address printed on the documents; may be left empty and set later. */
    phone: z.string().trim().max(30).regex(/^[\d\s()（）-]*$/, '咨询电话只能包含数字、空格、括号和“-”').optional(),
    address: z.string().trim().max(120).optional(),
  }),
  counter: z.object({ number: z.int().min(1).max(999) }),
  catalogSourceId: z.string().min(1).max(40),
});

export const auditEntrySchema = z.object({
  id: z.int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  counter: z.int().nullable(),
  transport: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.int(),
  /** The first entry whose hash does not match the chain (or, with `tail`, the first one missing). */
  brokenAt: z.int().nullable(),
  /** The chain is intact as far as it goes, but its newest entries were removed. */
  tail: z.boolean().optional(),
});

const dateRange = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  action: z.string().max(60).optional(),
  actor: z.string().max(32).optional(),
  limit: z.int().min(1).max(1000).default(200),
  offset: z.int().min(0).default(0),
});

export const deviceTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(['board', 'kiosk', 'evaluator']),
  createdAt: z.string(),
  revoked: z.boolean(),
});

export const setupContract = {
  status: publicProc.output(setupStatusSchema),
  complete: setupProc.input(setupInputSchema).output(loginResultSchema),
  /** Seeds (once) and opens the marked training database; the page reloads afterwards. */
  startTraining: setupProc.output(z.object({ training: z.literal(true) })),
  /** Back to the real database; only from training mode. */
  leaveTraining: sessionProc.output(z.object({ training: z.literal(false) })),
};

export const authContract = {
  login: publicProc.input(z.object({ username: z.string().trim().min(1, '请输入用户名').max(32), password })).output(loginResultSchema),
  session: sessionProc.output(sessionInfoSchema),
  logout: sessionProc.output(z.object({ ok: z.literal(true) })),
  lock: sessionProc.output(z.object({ ok: z.literal(true) })),
  unlock: sessionProc.input(z.object({ password })).output(sessionInfoSchema),
  /** The renderer reports activity (throttled) so core's idle lock matches what the clerk does. */
  touch: userProc().output(z.object({ ok: z.literal(true) })),
  changePassword: userProc().input(z.object({ current: password, next: password })).output(z.object({ ok: z.literal(true) })),
};

export const usersContract = {
  list: userProc(['admin']).output(z.array(userSummarySchema)),
  create: userProc(['admin'])
    .input(z.object({ username, displayName, roles: z.array(roleSchema).min(1, '至少选择一个角色'), counters, password }))
    .output(userSummarySchema),
  update: userProc(['admin'])
    .input(z.object({ id: z.int(), displayName: displayName.optional(), roles: z.array(roleSchema).min(1, '至少选择一个角色').optional(), counters: counters.optional(), disabled: z.boolean().optional() }))
    .output(userSummarySchema),
  resetPassword: userProc(['admin']).input(z.object({ id: z.int(), password })).output(userSummarySchema),
};

export const devicesContract = {
  list: userProc(['admin']).output(z.array(deviceTokenSchema)),
  /** The token is shown once; only its hash is kept. */
  issue: userProc(['admin']).input(z.object({ name: z.string().trim().min(1).max(30), scope: z.enum(['board', 'kiosk', 'evaluator']) })).output(deviceTokenSchema.extend({ token: z.string() })),
  revoke: userProc(['admin']).input(z.object({ id: z.string().max(64) })).output(z.object({ ok: z.literal(true) })),
};

export const auditContract = {
  list: userProc(['admin']).input(dateRange.prefault({})).output(z.object({ entries: z.array(auditEntrySchema), total: z.int() })),
  verify: userProc(['admin']).output(auditVerifySchema),
  /** Everything in the range, for a file the admin saves; the export itself is audited. */
  export: userProc(['admin']).input(z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() })).output(z.object({ entries: z.array(auditEntrySchema), verify: auditVerifySchema })),
};

/** What the display board and the kiosk may read with a device token. */
export const boardContract = {
  info: userProc(undefined, ['board', 'kiosk']).output(z.object({ hallName: z.string(), now: z.string() })),
};

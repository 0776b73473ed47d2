/** The four roles of a hall; a user may hold several. */
export const ROLES = ['clerk', 'queueManager', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  clerk: '窗口人员',
  queueManager: '排队管理员',
  supervisor: '科长/主任',
  admin: '系统管理员',
};

/** At least 8 characters with letters and digits: what clerks can remember and type fast. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少8位';
  if (password.length > 128) return '密码不能超过128位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  return null;
}

import type { Role } from '../../shared/auth/roles';

/** The left navigation; each section has an Alt+key shortcut shown in the menu and help. */
export interface NavSection {
  path: string;
  label: string;
  shortcut: string;
  /** Who sees the section (core checks every call anyway); everyone signed in when absent. */
  roles?: Role[];
}

export const navSections: readonly NavSection[] = [
  { path: '/counter', label: '窗口工作台', shortcut: 'alt+1', roles: ['clerk'] },
  { path: '/cases', label: '办件查询', shortcut: 'alt+0', roles: ['clerk', 'supervisor'] },
  { path: '/queue', label: '排队叫号', shortcut: 'alt+2', roles: ['clerk', 'queueManager'] },
  { path: '/queue/console', label: '排队管理', shortcut: 'alt+q', roles: ['queueManager', 'admin'] },
  { path: '/catalog', label: '事项目录', shortcut: 'alt+3' },
  { path: '/stats', label: '统计', shortcut: 'alt+4', roles: ['supervisor', 'admin'] },
  { path: '/print-jobs', label: '打印任务', shortcut: 'alt+p', roles: ['clerk', 'supervisor', 'admin'] },
  { path: '/sync', label: '上传同步', shortcut: 'alt+s', roles: ['supervisor', 'admin'] },
  { path: '/settings', label: '设置', shortcut: 'alt+5', roles: ['admin'] },
  { path: '/status', label: '系统状态', shortcut: 'alt+6' },
  { path: '/admin/users', label: '用户管理', shortcut: 'alt+7', roles: ['admin'] },
  { path: '/admin/audit', label: '审计日志', shortcut: 'alt+8', roles: ['admin'] },
  { path: '/admin/calendar', label: '工作日历', shortcut: 'alt+9', roles: ['admin'] },
];

export function visibleSections(roles: readonly Role[]): NavSection[] {
  return navSections.filter((s) => !s.roles || s.roles.some((r) => roles.includes(r)));
}

export function shortcutLabel(shortcut: string): string {
  return shortcut
    .split('+')
    .map((k) => (k.length === 1 ? k.toUpperCase() : k[0]!.toUpperCase() + k.slice(1)))
    .join('+');
}

/**
 * Where a role starts its day after signing in: each lands on its own work screen (a clerk on
 * 窗口工作台, not on 系统状态). The first matching role wins, in the order a person with several
 * roles most often works.
 */
const HOME_BY_ROLE: readonly (readonly [Role, string])[] = [
  ['clerk', '/counter'],
  ['queueManager', '/queue/console'],
  ['supervisor', '/stats'],
  ['admin', '/status'],
];

export function homePathFor(roles: readonly Role[]): string {
  return HOME_BY_ROLE.find(([role]) => roles.includes(role))?.[1] ?? '/status';
}

/** The clerk's last 8 items, most recent first, kept per user in localStorage. */

export interface RecentItem {
  key: string;
  name: string;
  sourceId: string;
}

const MAX = 8;
const storageKey = (userId: string | number) => `medins.recentItems.${userId}`;

export function loadRecentItems(userId: string | number): RecentItem[] {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    const list: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(list)) return [];
    return list.filter((x): x is RecentItem => typeof x === 'object' && x !== null && typeof (x as RecentItem).key === 'string' && typeof (x as RecentItem).name === 'string').slice(0, MAX);
  } catch {
    return [];
  }
}

export function rememberItem(userId: string | number, item: RecentItem): RecentItem[] {
  const next = [item, ...loadRecentItems(userId).filter((x) => !(x.key === item.key && x.sourceId === item.sourceId))].slice(0, MAX);
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify(next));
  } catch {
    // storage full or disabled: the list just is not remembered
  }
  return next;
}

import { forwardRef, useState } from 'react';
import { Select, type RefSelectProps, type SelectProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import type { RecentItem } from './recentItems';

export interface PickedItem {
  key: string;
  name: string;
  sourceId: string;
}

interface Props {
  sourceId: string | undefined;
  value: PickedItem | undefined;
  recent: RecentItem[];
  /** The current ticket's items: offered first, so Enter alone picks what the person came for. */
  suggested: PickedItem[];
  onChange: (item: PickedItem | undefined) => void;
  status?: 'error';
}

/**
 * 事项: type-ahead over the active catalog (Chinese, pinyin, initials, code; best match first);
 * with nothing typed, the ticket's items, then the clerk's recent ones. The list opens as soon
 * as the box has the focus (F3, or after a card read), so ↑/↓ and Enter pick at once.
 */
export const ItemPicker = forwardRef<RefSelectProps, Props>(function ItemPicker({ sourceId, value, recent, suggested, onChange, status }, ref) {
  const { orpc } = useApi();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const trimmed = query.trim();
  const hits = useQuery({
    ...orpc.catalog.search.queryOptions({ input: { query: trimmed, sourceId, limit: 20 } }),
    enabled: trimmed !== '' && sourceId !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

  const suggestedHere = suggested.filter((s) => s.sourceId === sourceId);
  const recentHere = recent.filter((r) => r.sourceId === sourceId && !suggestedHere.some((s) => s.key === r.key));
  const plain = (list: { key: string; name: string }[]) => list.map((r) => ({ value: r.key, label: r.name, name: r.name }));
  const options: SelectProps['options'] =
    trimmed === ''
      ? [
          ...(suggestedHere.length ? [{ label: '本号业务', options: plain(suggestedHere) }] : []),
          ...(recentHere.length ? [{ label: '最近办理', options: plain(recentHere) }] : []),
        ]
      : (hits.data ?? []).map((h) => ({
          value: h.key,
          name: h.name,
          label: (
            <span className="item-option">
              <span>{h.name}</span>
              <small>{h.group}</small>
            </span>
          ),
        }));

  return (
    <Select
      ref={ref}
      className="item-picker"
      aria-label="事项"
      showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
      value={value?.key}
      labelRender={() => value?.name}
      placeholder="输入事项名称、拼音或首字母（如 cbdj）、编码"
      notFoundContent={trimmed === '' ? '输入以搜索事项' : hits.isFetching ? '搜索中…' : '没有找到此事项'}
      options={options}
      status={status}
      open={open}
      onOpenChange={setOpen}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      defaultActiveFirstOption
      allowClear
      onClear={() => onChange(undefined)}
      onChange={(key: string | undefined, option) => {
        if (!key || !sourceId) return onChange(undefined);
        const picked = Array.isArray(option) ? option[0] : option;
        const name = (picked as { name?: string } | undefined)?.name ?? key;
        setQuery('');
        setOpen(false);
        onChange({ key, name, sourceId });
      }}
    />
  );
});

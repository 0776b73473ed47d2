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
  onChange: (item: PickedItem | undefined) => void;
  status?: 'error';
}

/**
 * 事项: type-ahead over the active catalog (name, code, pinyin initials); with nothing typed,
 * the clerk's recent items. ↑/↓ and Enter pick.
 */
export const ItemPicker = forwardRef<RefSelectProps, Props>(function ItemPicker({ sourceId, value, recent, onChange, status }, ref) {
  const { orpc } = useApi();
  const [query, setQuery] = useState('');
  const trimmed = query.trim();
  const hits = useQuery({
    ...orpc.catalog.search.queryOptions({ input: { query: trimmed, sourceId, limit: 20 } }),
    enabled: trimmed !== '' && sourceId !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

  const recentHere = recent.filter((r) => r.sourceId === sourceId);
  const options: SelectProps['options'] =
    trimmed === ''
      ? recentHere.length
        ? [{ label: '最近办理', options: recentHere.map((r) => ({ value: r.key, label: r.name, name: r.name })) }]
        : []
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
      placeholder="输入事项名称、编码或拼音首字母（如 cbdj），最近办理的排在最前"
      notFoundContent={trimmed === '' ? '输入以搜索事项' : hits.isFetching ? '搜索中…' : '没有找到此事项'}
      options={options}
      status={status}
      allowClear
      onClear={() => onChange(undefined)}
      onChange={(key: string | undefined, option) => {
        if (!key || !sourceId) return onChange(undefined);
        const picked = Array.isArray(option) ? option[0] : option;
        const name = (picked as { name?: string } | undefined)?.name ?? key;
        setQuery('');
        onChange({ key, name, sourceId });
      }}
    />
  );
});

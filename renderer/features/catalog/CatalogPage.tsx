import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Alert, Input, Segmented, Select, Skeleton, Tag, type InputRef } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { CatalogSourceSummary } from '../../../shared/contract/catalog';
import { ItemDetail } from './ItemDetail';
import { ComparePanel } from './ComparePanel';
import { sourceLabel } from './labels';
import './catalog.css';

/** One row the list shows: an item of the chosen source, in document order or ranked by the search. */
interface Row {
  key: string;
  seq: number;
  name: string;
  group: string;
  code?: string;
}

type View = 'detail' | 'compare';

/**
 * 事项目录: the items of one official list, grouped by 主项, with type-ahead search (name, code,
 * pinyin, initials: cbdj → 参保登记), ↑/↓ + Enter, the whole item, and a side-by-side 对比.
 */
export function CatalogPage() {
  const { orpc } = useApi();
  const queryClient = useQueryClient();
  const sources = useQuery(orpc.catalog.status.queryOptions());
  const [chosen, setChosen] = useState<string | undefined>();
  const sourceId = chosen ?? sources.data?.activeSourceId;
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [openKey, setOpenKey] = useState<string | undefined>();
  const [view, setView] = useState<View>('detail');
  const searchRef = useRef<InputRef>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const items = useQuery({ ...orpc.catalog.items.queryOptions({ input: { sourceId } }), enabled: sourceId !== undefined });
  const trimmed = query.trim();
  const searchOptions = orpc.catalog.search.queryOptions({ input: { query: trimmed, sourceId, limit: 60 } });
  const hits = useQuery({
    ...searchOptions,
    enabled: sourceId !== undefined && trimmed !== '',
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

  const rows: Row[] = useMemo(() => {
    if (trimmed === '') return items.data?.items ?? [];
    return (hits.data ?? []).map((h) => ({ key: h.key, seq: h.seq, name: h.name, group: h.group, ...(h.code ? { code: h.code } : {}) }));
  }, [trimmed, items.data, hits.data]);

  useEffect(() => {
    listRef.current?.querySelector('.is-highlighted')?.scrollIntoView({ block: 'nearest' });
  }, [highlight, rows]);

  const open = (row: Row | undefined) => {
    if (!row) return;
    setOpenKey(row.key);
    setView('detail');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setHighlight((h) => Math.min(Math.max(h + step, 0), Math.max(rows.length - 1, 0)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Typed fast and pressed Enter before the hits for the last keystroke arrived: wait for them.
      if (trimmed !== '' && (hits.isPlaceholderData || hits.isFetching)) {
        void queryClient.fetchQuery({ ...searchOptions, staleTime: Infinity }).then((fresh) => open(fresh[0]));
      } else open(rows[highlight]);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
      setHighlight(0);
    }
  };

  if (sources.isPending) return <Skeleton active />;
  if (sources.isError) return <Alert type="error" showIcon title="事项目录无法打开" description={errorText(sources.error)} />;
  const status = sources.data;
  const current = status.sources.find((s) => s.id === sourceId);

  return (
    <div className="catalog-page">
      <div className="catalog-toolbar">
        <Input.Search
          ref={searchRef}
          className="catalog-search"
          autoFocus
          allowClear
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setHighlight(0);
          }}
          onKeyDown={onKeyDown}
          placeholder="名称、编码或拼音首字母，如 cbdj"
          aria-label="搜索事项"
        />
        <Select
          className="catalog-source"
          aria-label="事项清单"
          value={sourceId}
          onChange={(id: string) => {
            setChosen(id);
            setHighlight(0);
            searchRef.current?.focus();
          }}
          options={status.sources.map((s) => ({ value: s.id, label: <SourceOption source={s} /> }))}
        />
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            { value: 'detail', label: '事项详情' },
            { value: 'compare', label: '各地对比', disabled: openKey === undefined },
          ]}
        />
        {current && <span style={{ color: '#8c8c8c', fontSize: 12 }}>本清单共 {current.itemCount} 项</span>}
      </div>
      {status.failed.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`有 ${status.failed.length} 份事项清单文件未能载入，其余清单可正常使用，请联系系统管理员`}
          description={status.failed.map((f) => f.error).join('；')}
        />
      )}
      <div className="catalog-body">
        <div className={`catalog-list${view === 'compare' ? ' is-narrow' : ''}`} ref={listRef} role="listbox" aria-label="事项列表" data-testid="catalog-list">
          {items.isPending ? <Skeleton active style={{ padding: 12 }} /> : <ItemList rows={rows} grouped={trimmed === ''} highlight={highlight} openKey={openKey} onOpen={open} />}
        </div>
        <div className="catalog-main" data-testid="catalog-main">
          {openKey === undefined || sourceId === undefined ? (
            <div className="catalog-empty">在左侧选择事项，或在搜索框输入后按 Enter 打开。↑/↓ 选择，Esc 清空搜索。</div>
          ) : view === 'compare' ? (
            <ComparePanel itemKey={openKey} baseSourceId={sourceId} />
          ) : (
            <ItemDetail itemKey={openKey} sourceId={sourceId} onCompare={() => setView('compare')} />
          )}
        </div>
      </div>
    </div>
  );
}

function SourceOption({ source }: { source: CatalogSourceSummary }) {
  return (
    <span>
      {sourceLabel(source)}
      {source.active && (
        <Tag color="blue" style={{ marginLeft: 6 }}>
          本厅启用
        </Tag>
      )}
    </span>
  );
}

function ItemList({ rows, grouped, highlight, openKey, onOpen }: { rows: Row[]; grouped: boolean; highlight: number; openKey?: string; onOpen: (r: Row) => void }) {
  if (rows.length === 0) return <div className="catalog-empty">没有找到相符的事项，请换个说法或用拼音首字母试试</div>;
  const out: ReactNode[] = [];
  let lastGroup: string | undefined;
  rows.forEach((row, i) => {
    if (grouped && row.group !== lastGroup) {
      out.push(
        <div key={`g-${i}`} className="catalog-group">
          {row.group}
        </div>,
      );
      lastGroup = row.group;
    }
    const cls = ['catalog-row', i === highlight ? 'is-highlighted' : '', row.key === openKey ? 'is-open' : ''].join(' ');
    out.push(
      <div key={`${row.key}-${row.seq}`} className={cls} role="option" aria-selected={i === highlight} onClick={() => onOpen(row)}>
        <span className="seq">{row.seq}</span>
        <span className="name">
          {row.name}
          {!grouped && <span className="sub">{row.group}</span>}
        </span>
      </div>,
    );
  });
  return <>{out}</>;
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { TreeSelect } from 'antd';
import { jurisdictionApi, type JurisdictionNode, type NodeSearchHit } from '../api/jurisdiction.ts';
import { useT } from '../i18n/index.tsx';
import { useLevels } from './useLevels.ts';

interface SimpleNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Name to show for an initial value that is not loaded in the tree yet. */
  initialLabel?: string | null;
  placeholder?: string;
  disabled?: boolean;
  /** Nodes that cannot be picked (e.g. the node being moved). */
  excludeId?: string;
  testId?: string;
  allowClear?: boolean;
}

/** Picks a jurisdiction node: the tree loads level by level; typing searches the whole reach on the server. */
export function NodePicker({ value, onChange, initialLabel, placeholder, disabled, excludeId, testId, allowClear = true }: Props) {
  const t = useT();
  const { levelName } = useLevels();
  const [nodes, setNodes] = useState<SimpleNode[]>([]);
  const [hits, setHits] = useState<NodeSearchHit[] | null>(null);
  const [search, setSearch] = useState('');
  const [labels, setLabels] = useState<Record<string, string>>({});
  const searchAbort = useRef<AbortController | null>(null);

  const toSimple = useCallback(
    (n: JurisdictionNode): SimpleNode => ({
      id: n.id,
      pId: n.parentId,
      value: n.id,
      title: `${n.name}（${levelName(n.levelCode)}）`,
      isLeaf: n.childCount === 0,
    }),
    [levelName],
  );

  useEffect(() => {
    let alive = true;
    jurisdictionApi
      .top()
      .then((top) => {
        if (!alive) return;
        // Top nodes are roots here even when they have a parent outside the account's reach.
        setNodes(top.map((n) => ({ ...toSimple(n), pId: null })));
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [toSimple]);

  const loadData = async (node: { value?: unknown; id?: unknown }) => {
    const id = String(node.value ?? node.id);
    const children = await jurisdictionApi.children(id);
    setNodes((prev) => [...prev, ...children.filter((c) => !prev.some((p) => p.id === c.id)).map(toSimple)]);
  };

  const onSearch = (q: string) => {
    setSearch(q);
    searchAbort.current?.abort();
    if (!q.trim()) {
      setHits(null);
      return;
    }
    const ctrl = new AbortController();
    searchAbort.current = ctrl;
    jurisdictionApi
      .search(q.trim(), ctrl.signal)
      .then((r) => setHits(r))
      .catch(() => undefined);
  };

  const treeData: SimpleNode[] = hits
    ? hits.map((h) => ({ id: h.id, pId: null, value: h.id, title: [...h.pathNames].join(' / '), isLeaf: true }))
    : nodes;
  const visible = excludeId ? treeData.filter((n) => n.id !== excludeId) : treeData;
  const shown = value ? (labels[value] ?? nodes.find((n) => n.id === value)?.title ?? initialLabel ?? value) : undefined;

  return (
    <TreeSelect
      treeDataSimpleMode
      treeData={visible}
      loadData={hits ? undefined : loadData}
      labelInValue
      value={value ? { value, label: shown } : undefined}
      onChange={(v: { value: string; label?: unknown } | undefined) => {
        if (v?.value) {
          const picked = treeData.find((n) => n.id === v.value);
          if (picked) setLabels((prev) => ({ ...prev, [v.value]: picked.title }));
        }
        setSearch('');
        setHits(null);
        onChange?.(v?.value ?? null);
      }}
      showSearch={{ searchValue: search, onSearch, filterTreeNode: false }}
      placeholder={placeholder ?? t('common.selectPlaceholder')}
      allowClear={allowClear}
      disabled={disabled}
      style={{ width: '100%' }}
      listHeight={320}
      notFoundContent={hits ? t('tree.noResult') : undefined}
      data-testid={testId}
    />
  );
}

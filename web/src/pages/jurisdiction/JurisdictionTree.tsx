import { useMemo, type Ref } from 'react';
import { Empty, Tag, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import type { JurisdictionNode } from '../../api/jurisdiction.ts';
import { levelColor, useLevels } from '../../components/useLevels.ts';
import { useT } from '../../i18n/index.tsx';
import { ROOT } from './useJurisdictionTree.ts';

interface Props {
  lists: Record<string, JurisdictionNode[]>;
  expanded: string[];
  loaded: string[];
  selectedId: string | null;
  height: number;
  onExpand: (keys: string[]) => void;
  onLoad: (id: string) => Promise<unknown>;
  onSelect: (id: string) => void;
  treeRef?: Ref<{ scrollTo: (arg: { key: string; align?: 'top' | 'bottom' | 'auto' }) => void }>;
}

export function JurisdictionTree({ lists, expanded, loaded, selectedId, height, onExpand, onLoad, onSelect, treeRef }: Props) {
  const t = useT();
  const { levelName, rankOf } = useLevels();

  const treeData = useMemo(() => {
    const build = (list: JurisdictionNode[]): TreeDataNode[] =>
      list.map((n) => ({
        key: n.id,
        isLeaf: n.childCount === 0,
        title: (
          <span className="jt-node" data-testid="tree-node" data-node-id={n.id} data-node-name={n.name}>
            <span className="jt-name">{n.name}</span>
            <Tag color={levelColor(rankOf(n.levelCode))} className="jt-level">
              {levelName(n.levelCode)}
            </Tag>
            {n.childCount > 0 && <span className="jt-count">{n.childCount}</span>}
          </span>
        ),
        children: lists[n.id] ? build(lists[n.id]) : undefined,
      }));
    return build(lists[ROOT] ?? []);
  }, [lists, levelName, rankOf]);

  if (lists[ROOT] && lists[ROOT].length === 0) return <Empty description={t('tree.empty')} />;

  return (
    <Tree
      ref={treeRef as never}
      data-testid="tree"
      blockNode
      showLine
      height={height}
      treeData={treeData}
      expandedKeys={expanded}
      loadedKeys={loaded}
      selectedKeys={selectedId ? [selectedId] : []}
      onExpand={(keys) => onExpand(keys.map(String))}
      loadData={(node) => onLoad(String(node.key))}
      onSelect={(keys, info) => onSelect(String(keys[0] ?? info.node.key))}
    />
  );
}

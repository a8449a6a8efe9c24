import { useCallback, useMemo } from 'react';
import { Empty, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { orgApi, type ChainNode } from '../../api/org.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useList } from '../../components/useList.ts';
import { useLabels, useT } from '../../i18n/index.tsx';

const KIND_COLORS: Record<string, string> = {
  party_group: 'red', party_committee: 'volcano', branch: 'orange', temporary_branch: 'gold', temporary_group: 'lime',
  area: 'green', post: 'blue', member: 'default',
};

/** 五级联防链: party group → branch → responsibility area → vanguard post → member, as one tree. */
export function ChainTab() {
  const t = useT();
  const { label } = useLabels();
  const load = useCallback(() => orgApi.chain(), []);
  const list = useList(load);

  const { treeData, openKeys } = useMemo(() => {
    const open: string[] = [];
    const build = (nodes: ChainNode[], depth: number): TreeDataNode[] =>
      nodes.map((n) => {
        // Open the upper levels; posts and their members stay folded so a big district stays readable.
        if (depth < 2 && n.children.length > 0) open.push(n.key);
        const title = (
          <span data-testid="chain-node">
            <Tag color={KIND_COLORS[n.kind]} style={{ marginInlineEnd: 6 }}>
              {n.kind === 'member' && n.detail ? label('postRole', n.detail) : label('chainKind', n.kind)}
            </Tag>
            {n.name}
            {n.detail && n.kind !== 'member' && (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                {n.detail}
              </Typography.Text>
            )}
          </span>
        );
        return { key: n.key, title, isLeaf: n.children.length === 0, children: build(n.children, depth + 1) };
      });
    return { treeData: build(list.items, 0), openKeys: open };
  }, [list.items, label]);

  if (list.loading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  return (
    <div data-testid="org-chain">
      <Typography.Paragraph type="secondary">{t('org.chainHint')}</Typography.Paragraph>
      <ApiErrorAlert error={list.error} />
      {treeData.length === 0 ? (
        <Empty description={t('org.chainEmpty')} />
      ) : (
        <Tree showLine blockNode selectable={false} treeData={treeData} defaultExpandedKeys={openKeys} height={Math.max(360, window.innerHeight - 300)} />
      )}
    </div>
  );
}

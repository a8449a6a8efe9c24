import { useEffect, useState } from 'react';
import { Breadcrumb, Button, Descriptions, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { jurisdictionApi, type JurisdictionNodeDetail } from '../../api/jurisdiction.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { levelColor, useLevels } from '../../components/useLevels.ts';
import { useT } from '../../i18n/index.tsx';

interface Props {
  nodeId: string | null;
  /** Bumped by the page after a change so the detail re-reads. */
  version: number;
  canWrite: boolean;
  onAddChild: (node: JurisdictionNodeDetail) => void;
  onRename: (node: JurisdictionNodeDetail) => void;
  onMove: (node: JurisdictionNodeDetail) => void;
  onDelete: (node: JurisdictionNodeDetail) => void;
  onNavigate: (id: string) => void;
  /** Ancestors above the account's top node are shown but cannot be opened. */
  isReachable: (id: string) => boolean;
}

export function NodeDetail({ nodeId, version, canWrite, onAddChild, onRename, onMove, onDelete, onNavigate, isReachable }: Props) {
  const t = useT();
  const { levelName, rankOf, levels } = useLevels();
  const [detail, setDetail] = useState<JurisdictionNodeDetail | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!nodeId) {
      setDetail(null);
      return;
    }
    let alive = true;
    setError(null);
    jurisdictionApi
      .get(nodeId)
      .then((d) => alive && setDetail(d))
      .catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [nodeId, version]);

  if (!nodeId) return <Empty description={t('tree.selectHint')} data-testid="node-empty" />;
  if (error) return <ApiErrorAlert error={error} />;
  if (!detail || detail.id !== nodeId) return <Skeleton active />;

  const hasChildLevel = levels.length === 0 || levels.some((l) => l.rank > rankOf(detail.levelCode));

  return (
    <div data-testid="node-detail">
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          ...detail.ancestors.map((a) => ({
            key: a.id,
            title: isReachable(a.id) ? <a onClick={() => onNavigate(a.id)}>{a.name}</a> : a.name,
          })),
          { key: detail.id, title: detail.name },
        ]}
      />
      <Space align="center" wrap style={{ display: 'flex', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="node-title">
          {detail.name}
        </Typography.Title>
        <Tag color={levelColor(rankOf(detail.levelCode))}>{levelName(detail.levelCode)}</Tag>
      </Space>
      {canWrite && (
        <Space wrap style={{ display: 'flex', marginBottom: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => onAddChild(detail)} disabled={!hasChildLevel} data-testid="node-add">
            {t('tree.addChild')}
          </Button>
          <Button icon={<EditOutlined />} onClick={() => onRename(detail)} data-testid="node-rename">
            {t('tree.rename')}
          </Button>
          <Button icon={<DragOutlined />} onClick={() => onMove(detail)} disabled={detail.parentId === null} data-testid="node-move">
            {t('tree.move')}
          </Button>
          <Button danger icon={<DeleteOutlined />} onClick={() => onDelete(detail)} data-testid="node-delete">
            {t('common.delete')}
          </Button>
        </Space>
      )}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'level', label: t('tree.level'), children: levelName(detail.levelCode) },
          { key: 'code', label: t('tree.code'), children: detail.code ?? '—' },
          { key: 'children', label: t('tree.children'), children: <span data-testid="node-child-count">{detail.childCount}</span> },
          { key: 'depth', label: t('tree.depth'), children: detail.depth },
          {
            key: 'path',
            label: t('tree.path'),
            span: 'filled',
            children: [...detail.ancestors.map((a) => a.name), detail.name].join(' / '),
          },
          { key: 'id', label: t('common.id'), span: 'filled', children: <span className="mono">{detail.id}</span> },
        ]}
      />
    </div>
  );
}

import { useCallback, useState } from 'react';
import { App, Button, List, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { mobilizationApi, type BatchView } from '../../api/mobilization.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useKeysetList } from '../../components/useKeysetList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useT } from '../../i18n/index.tsx';
import { BatchDrawer } from './BatchDrawer.tsx';
import { BatchFormModal } from './BatchFormModal.tsx';
import { CountsTables } from './CountsTables.tsx';
import { period, translated } from './shared.tsx';

/** 下沉批次: batches the account's units sent, or that were sent into its area, with their report-in progress. */
export function BatchesTab({ canWrite, compact, onChanged, version }: { canWrite: boolean; compact: boolean; onChanged: () => void; version: number }) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const fetchPage = useCallback((cursor: string | null) => mobilizationApi.batches({}, cursor), []);
  const list = useKeysetList(fetchPage);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<BatchView | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const changed = () => {
    void list.reload();
    onChanged();
  };

  const remove = async (b: BatchView) => {
    try {
      await mobilizationApi.removeBatch(b.id);
      list.remove(b.id);
      onChanged();
      void message.success(t('common.deleted'));
    } catch (e) {
      reportError(translated(e));
    }
  };

  const progress = (b: BatchView) => (
    <Progress
      percent={b.figures.dispatched ? Math.round((b.figures.reportedIn / b.figures.dispatched) * 100) : 0}
      success={{ percent: b.figures.dispatched ? Math.round((b.figures.assigned / b.figures.dispatched) * 100) : 0 }}
      size="small"
      format={() => `${b.figures.reportedIn}/${b.figures.dispatched}`}
      style={{ minWidth: 120, margin: 0 }}
    />
  );

  const del = (b: BatchView) =>
    canWrite && (
      <Popconfirm title={t('common.confirmDelete', { name: b.name })} description={t('common.irreversible')} onConfirm={() => void remove(b)}>
        <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={(e) => e.stopPropagation()} />
      </Popconfirm>
    );

  return (
    <div data-testid="tab-batches">
      {canWrite && (
        <div className="filter-bar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="batch-add">
            {t('mobilization.batch.add')}
          </Button>
        </div>
      )}
      <ApiErrorAlert error={list.error} />
      {compact ? (
        <List
          loading={list.loading && list.items.length === 0}
          dataSource={list.items}
          locale={{ emptyText: t('mobilization.batch.empty') }}
          data-testid="batch-list"
          renderItem={(b) => (
            <List.Item onClick={() => setOpenId(b.id)} actions={canWrite ? [del(b)] : undefined} style={{ cursor: 'pointer', paddingInline: 4 }}>
              <List.Item.Meta
                title={<Space size={4} wrap><span>{b.name}</span>{b.batchNo && <Tag>{b.batchNo}</Tag>}</Space>}
                description={
                  <>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${b.unitName} → ${b.nodeName} · ${period(b.startsOn, b.endsOn, t)}`}</Typography.Text>
                    {progress(b)}
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<BatchView>
          rowKey="id"
          size="middle"
          loading={list.loading && list.items.length === 0}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('mobilization.batch.empty') }}
          onRow={(b) => ({ onClick: () => setOpenId(b.id), style: { cursor: 'pointer' } })}
          data-testid="batch-table"
          columns={[
            { title: t('mobilization.batch.name'), dataIndex: 'name', render: (v: string, b) => <Space size={4}>{v}{b.batchNo && <Tag>{b.batchNo}</Tag>}</Space> },
            { title: t('mobilization.batch.unit'), dataIndex: 'unitName' },
            { title: t('mobilization.batch.node'), dataIndex: 'nodeName' },
            { title: t('mobilization.batch.period'), key: 'period', render: (_: unknown, b) => period(b.startsOn, b.endsOn, t) },
            { title: t('mobilization.count.reportedIn'), key: 'progress', render: (_: unknown, b) => progress(b) },
            ...(canWrite ? [{ title: t('common.actions'), key: 'actions', width: 80, render: (_: unknown, b: BatchView) => del(b) }] : []),
          ]}
        />
      )}
      <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.loadMore()} />
      <CountsTables version={version} />
      {openId && (
        <BatchDrawer
          batchId={openId}
          canWrite={canWrite}
          onClose={() => setOpenId(null)}
          onEdit={(b) => { setEditing(b); setFormOpen(true); }}
          onChanged={changed}
        />
      )}
      <BatchFormModal
        open={formOpen}
        batch={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(b) => {
          setFormOpen(false);
          list.upsert(b);
          onChanged();
          if (editing) setOpenId(null);
          void message.success(t('common.saved'));
        }}
      />
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, SolutionOutlined, UploadOutlined } from '@ant-design/icons';
import { registryApi, type RegistrySummary, type ResidentFilters, type ResidentView } from '../../api/registry.ts';
import { useCan } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useKeysetList } from '../../components/useKeysetList.ts';
import { useT } from '../../i18n/index.tsx';
import { ExportDialog, MoveDialog, StatusDialog, UnmaskDialog } from './dialogs.tsx';
import { HistoryDrawer } from './HistoryDrawer.tsx';
import { ResidentForm } from './ResidentForm.tsx';
import { ResidentList } from './ResidentList.tsx';
import { ResidentImportDialog } from './ResidentImportDialog.tsx';

type StatusFilter = NonNullable<ResidentFilters['status']>;

/** 居民登记: pick a place in the tree (or search), see its residents, register, move, mark, unmask, export. */
export default function RegistryPage() {
  const t = useT();
  const can = useCan();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const nodeId = params.get('nodeId');
  const [q, setQ] = useState(params.get('q') ?? '');
  const [query, setQuery] = useState(params.get('q') ?? '');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [summary, setSummary] = useState<RegistrySummary | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<ResidentView | null>(null);
  const [moving, setMoving] = useState<ResidentView | null>(null);
  const [marking, setMarking] = useState<ResidentView | null>(null);
  const [unmasking, setUnmasking] = useState<ResidentView | null>(null);
  const [history, setHistory] = useState<ResidentView | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const canWrite = can('registry.write');

  useEffect(() => {
    setSummary(null);
    if (nodeId) registryApi.summary(nodeId).then(setSummary, () => setSummary(null));
  }, [nodeId]);
  const isHousehold = summary?.node.levelCode === 'household';

  const fetchPage = useCallback(
    (cursor: string | null) => registryApi.list({ nodeId: nodeId ?? undefined, q: query || undefined, status }, cursor),
    [nodeId, query, status],
  );
  const list = useKeysetList(fetchPage);

  const pick = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('nodeId', id); else next.delete('nodeId');
    setParams(next, { replace: true });
  };
  const saved = () => {
    setFormOpen(false);
    setMoving(null);
    setMarking(null);
    void message.success(t('registry.saved'));
    void list.reload();
    if (nodeId) registryApi.summary(nodeId).then(setSummary, () => undefined);
  };

  return (
    <div data-testid="registry-page">
      <PageTitle
        title={t('registry.title')}
        actions={
          <Space wrap>
            {nodeId && (
              <Link to={`/registry/special-needs?nodeId=${nodeId}`} data-testid="special-needs-link">
                <Button icon={<SolutionOutlined />}>{t('registry.specialNeedsTitle')}</Button>
              </Link>
            )}
            {canWrite && can('data.import') && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="registry-import">{t('registry.import.button')}</Button>
            )}
            {can('data.export') && (
              <Button icon={<DownloadOutlined />} onClick={() => setExportOpen(true)} data-testid="registry-export">{t('registry.export')}</Button>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction={phone ? 'vertical' : 'horizontal'} style={{ width: '100%' }} wrap>
          <div style={{ width: phone ? '100%' : 320 }}>
            <NodePicker value={nodeId} onChange={pick} initialLabel={summary?.node.name} placeholder={t('registry.pickPlace')} testId="registry-node" />
          </div>
          <Input.Search
            allowClear value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => setQuery(v.trim())}
            placeholder={t('registry.searchPlaceholder')} enterButton={t('registry.search')} maxLength={50}
            style={{ width: phone ? '100%' : 320 }} data-testid="registry-search"
          />
          <Select<StatusFilter>
            value={status} onChange={setStatus} style={{ width: phone ? '100%' : 130 }} data-testid="registry-status"
            options={(['active', 'moved_away', 'deceased', 'all'] as const).map((s) => ({ value: s, label: t(`registry.status.${s}`) }))}
          />
        </Space>
      </Card>

      {summary && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="registry-summary"
          title={<span>{summary.node.name} · {t('registry.residents')} {summary.node.active}{summary.node.specialNeeds > 0 && ` · ${t('registry.specialCount')} ${summary.node.specialNeeds}`}</span>}
          extra={isHousehold && canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="resident-add">
              {t('registry.add')}
            </Button>
          )}>
          {summary.children.length > 0 ? (
            <Space size={[6, 6]} wrap>
              {summary.children.map((c) => (
                <Tag key={c.nodeId} style={{ cursor: 'pointer', padding: '2px 8px' }} onClick={() => pick(c.nodeId)} data-testid="summary-child">
                  {c.name} <Typography.Text type="secondary">{c.active}</Typography.Text>
                  {c.specialNeeds > 0 && <Typography.Text type="danger"> ·{c.specialNeeds}</Typography.Text>}
                </Tag>
              ))}
            </Space>
          ) : !isHousehold && <Typography.Text type="secondary">{t('registry.addHint')}</Typography.Text>}
        </Card>
      )}

      <Card size="small">
        <ApiErrorAlert error={list.error} />
        <ResidentList
          items={list.items} loading={list.loading} canWrite={canWrite} canUnmask={can('registry.unmask')}
          onEdit={(r) => { setEditing(r); setFormOpen(true); }} onMove={setMoving} onStatus={setMarking}
          onUnmask={setUnmasking} onHistory={setHistory}
        />
        <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.loadMore()} />
      </Card>

      <ResidentForm open={formOpen} householdId={isHousehold ? nodeId : null} editing={editing} onClose={() => setFormOpen(false)} onSaved={saved} />
      <MoveDialog resident={moving} onClose={() => setMoving(null)} onDone={saved} />
      <StatusDialog resident={marking} onClose={() => setMarking(null)} onDone={saved} />
      <UnmaskDialog resident={unmasking} onClose={() => setUnmasking(null)} />
      <HistoryDrawer resident={history} onClose={() => setHistory(null)} />
      <ResidentImportDialog
        open={importOpen} nodeId={nodeId} nodeName={summary?.node.name} onClose={() => setImportOpen(false)}
        onImported={() => { void list.reload(); if (nodeId) registryApi.summary(nodeId).then(setSummary, () => undefined); }}
      />
      <ExportDialog open={exportOpen} nodeId={nodeId} canUnmask={can('registry.unmask')} onClose={() => setExportOpen(false)} />
    </div>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, Col, Row, Space } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { jurisdictionApi, type JurisdictionNode, type JurisdictionNodeDetail } from '../../api/jurisdiction.ts';
import { useCan, useMe } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TransferButtons } from '../../components/TransferButtons.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useT } from '../../i18n/index.tsx';
import { JurisdictionTree } from './JurisdictionTree.tsx';
import { MoveModal } from './MoveModal.tsx';
import { NodeDetail } from './NodeDetail.tsx';
import { NodeFormModal, type NodeFormMode } from './NodeFormModal.tsx';
import { TreeSearch } from './TreeSearch.tsx';
import { ROOT, useJurisdictionTree } from './useJurisdictionTree.ts';
import './jurisdiction.css';

type TreeHandle = { scrollTo: (arg: { key: string; align?: 'top' | 'bottom' | 'auto' }) => void };

export default function JurisdictionPage() {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const phone = useIsPhone();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const tree = useJurisdictionTree();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [form, setForm] = useState<NodeFormMode | null>(null);
  const [moving, setMoving] = useState<JurisdictionNode | null>(null);
  const treeRef = useRef<TreeHandle>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  const canWrite = can('tree.write');
  const treeHeight = phone ? 340 : Math.max(380, window.innerHeight - 250);

  const { fetchList, expand } = tree;
  useEffect(() => {
    fetchList(ROOT)
      .then((top) => {
        // One top node (a community secretary's own community): open it straight away.
        if (top.length === 1) {
          setSelectedId(top[0].id);
          if (top[0].childCount > 0) void fetchList(top[0].id).then(() => expand([top[0].id]));
        }
      })
      .catch(setLoadError);
  }, [fetchList, expand]);

  const select = useCallback(
    (id: string) => {
      setSelectedId(id);
      if (phone) window.setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
    },
    [phone],
  );

  const goTo = useCallback(
    async (id: string) => {
      try {
        await tree.reveal(id);
        setSelectedId(id);
        window.setTimeout(() => treeRef.current?.scrollTo({ key: id, align: 'top' }), 80);
      } catch (e) {
        reportError(e);
      }
    },
    [tree, reportError],
  );

  const onSaved = async (node: JurisdictionNode) => {
    const creating = form?.kind === 'create';
    setForm(null);
    try {
      if (creating) {
        await tree.refreshAround(node.parentId);
        if (node.parentId) tree.expand([node.parentId]);
        void message.success(t('tree.added', { name: node.name }));
        setSelectedId(node.id);
        window.setTimeout(() => treeRef.current?.scrollTo({ key: node.id, align: 'auto' }), 80);
      } else {
        await tree.fetchList(tree.containerOf(node.id) ?? ROOT);
        void message.success(t('tree.renamed'));
      }
    } catch (e) {
      reportError(e);
    }
    setVersion((v) => v + 1);
  };

  const onMoved = async (node: JurisdictionNode) => {
    setMoving(null);
    void message.success(t('tree.moved'));
    await tree.reset();
    await goTo(node.id);
    setVersion((v) => v + 1);
  };

  const confirmDelete = (node: JurisdictionNodeDetail) => {
    modal.confirm({
      title: t('tree.deleteTitle'),
      content: `${t('common.confirmDelete', { name: node.name })} ${t('common.irreversible')}`,
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await jurisdictionApi.remove(node.id);
          void message.success(t('common.deleted'));
          await tree.refreshAround(node.parentId && tree.containerOf(node.id) !== ROOT ? node.parentId : null);
          setSelectedId(node.parentId && tree.findNode(node.parentId) ? node.parentId : null);
        } catch (e) {
          reportError(e, t('tree.cannotDelete'));
        }
      },
    });
  };

  const reload = async () => {
    try {
      setLoadError(null);
      await tree.reset();
      if (selectedId) await goTo(selectedId);
    } catch (e) {
      setLoadError(e);
    }
  };

  return (
    <div data-testid="page-jurisdiction">
      <PageTitle
        title={t('nav.jurisdiction')}
        actions={
          <TransferButtons kind="jurisdiction" onImported={() => void reload()} />
        }
      />
      <ApiErrorAlert error={loadError} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} xl={8}>
          <Card
            size="small"
            title={t('tree.title')}
            extra={
              <Space size={4}>
                {canWrite && me.role === 'admin' && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setForm({ kind: 'create', parent: null })} data-testid="node-add-top">
                    {t('tree.addTop')}
                  </Button>
                )}
                <Button size="small" icon={<ReloadOutlined />} onClick={() => void reload()} aria-label={t('common.refresh')} />
              </Space>
            }
          >
            <div style={{ marginBottom: 8 }}>
              <TreeSearch onPick={(id) => void goTo(id)} />
            </div>
            <JurisdictionTree
              lists={tree.lists}
              expanded={tree.expanded}
              loaded={tree.loaded}
              selectedId={selectedId}
              height={treeHeight}
              onExpand={tree.setExpanded}
              onLoad={(id) => tree.fetchList(id).catch(reportError)}
              onSelect={select}
              treeRef={treeRef}
            />
          </Card>
        </Col>
        <Col xs={24} md={14} xl={16}>
          <div ref={detailRef}>
            <Card size="small" title={t('common.details')}>
              <NodeDetail
                nodeId={selectedId}
                version={version}
                canWrite={canWrite}
                onAddChild={(n) => setForm({ kind: 'create', parent: { id: n.id, name: n.name, levelCode: n.levelCode } })}
                onRename={(n) => setForm({ kind: 'edit', node: n })}
                onMove={(n) => setMoving(n)}
                onDelete={confirmDelete}
                onNavigate={(id) => void goTo(id)}
                isReachable={(id) => !!tree.findNode(id)}
              />
            </Card>
          </div>
        </Col>
      </Row>
      <NodeFormModal mode={form} onClose={() => setForm(null)} onSaved={(n) => void onSaved(n)} />
      <MoveModal node={moving} onClose={() => setMoving(null)} onMoved={(n) => void onMoved(n)} />
    </div>
  );
}

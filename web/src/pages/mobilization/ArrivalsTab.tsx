import { useCallback, useState } from 'react';
import { App, Button, List, Modal, Segmented, Space, Table, Typography } from 'antd';
import { CheckOutlined, PartitionOutlined, QrcodeOutlined } from '@ant-design/icons';
import { mobilizationApi, type DispatchMemberView, type MemberStatus } from '../../api/mobilization.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useKeysetList } from '../../components/useKeysetList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useLabels, useT, type MessageKey } from '../../i18n/index.tsx';
import { AssignModal } from './AssignModal.tsx';
import { ReportInCodeCard } from './ReportInCodeCard.tsx';
import { MemberStatusTag, translated, when } from './shared.tsx';

type StatusFilter = MemberStatus | 'all';

/** 报到: who is coming into the area, their report-in, and where the community puts them. */
export function ArrivalsTab({ canWrite, compact, onChanged }: { canWrite: boolean; compact: boolean; onChanged: () => void }) {
  const t = useT();
  const me = useMe();
  const { label } = useLabels();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [nodeId, setNodeId] = useState<string | null>(null);
  const [assigning, setAssigning] = useState<DispatchMemberView | null>(null);
  const [showCode, setShowCode] = useState(false);
  const receiving = canWrite && me.role !== 'unit_liaison';
  const fetchPage = useCallback(
    (cursor: string | null) => mobilizationApi.arrivals({ status: status === 'all' ? undefined : status, nodeId: nodeId ?? undefined }, cursor),
    [status, nodeId],
  );
  const list = useKeysetList(fetchPage);

  const confirm = async (m: DispatchMemberView) => {
    try {
      list.upsert(await mobilizationApi.confirm(m.id));
      onChanged();
      void message.success(t('mobilization.arrivals.confirmed'));
    } catch (e) {
      reportError(translated(e));
    }
  };

  const actions = (m: DispatchMemberView) =>
    receiving && (
      <Space size={0}>
        {m.status === 'expected' ? (
          <Button type="link" size="small" icon={<CheckOutlined />} onClick={() => void confirm(m)} data-testid="arrival-confirm">
            {t('mobilization.arrivals.confirm')}
          </Button>
        ) : (
          <Button type="link" size="small" icon={<PartitionOutlined />} onClick={() => setAssigning(m)} data-testid="arrival-assign">
            {t('mobilization.arrivals.assign')}
          </Button>
        )}
      </Space>
    );

  const reported = (m: DispatchMemberView) =>
    m.reportedAt ? `${when(m.reportedAt)}（${t(`mobilization.method.${m.reportMethod ?? 'confirm'}` as MessageKey)}${m.reportedNodeName && m.reportedNodeId !== m.nodeId ? ` · ${m.reportedNodeName}` : ''}）` : '—';
  const assignment = (m: DispatchMemberView) =>
    m.assignment ? `${t(`mobilization.assignKind.${m.assignment.kind}` as MessageKey)}：${m.assignment.name ?? '—'}` : '—';

  const listView = compact ? (
    <List
      loading={list.loading && list.items.length === 0}
      dataSource={list.items}
      locale={{ emptyText: t('mobilization.arrivals.empty') }}
      data-testid="arrival-list"
      renderItem={(m) => (
        <List.Item actions={receiving ? [actions(m)] : undefined} style={{ paddingInline: 4 }}>
          <List.Item.Meta
            title={<Space size={4} wrap><span>{m.personName}</span><MemberStatusTag status={m.status} t={t} /></Space>}
            description={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[m.unitName, m.nodeName, m.phoneMasked, m.reportedAt ? reported(m) : null, m.assignment ? assignment(m) : null].filter(Boolean).join(' · ')}
              </Typography.Text>
            }
          />
        </List.Item>
      )}
    />
  ) : (
    <Table<DispatchMemberView>
      rowKey="id"
      size="middle"
      loading={list.loading && list.items.length === 0}
      dataSource={list.items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('mobilization.arrivals.empty') }}
      data-testid="arrival-table"
      columns={[
        { title: t('mobilization.person'), dataIndex: 'personName', fixed: 'left', render: (v: string, m) => <Space size={4}>{v}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{label('political', m.politicalStatus)}</Typography.Text></Space> },
        { title: t('mobilization.status'), dataIndex: 'status', render: (s: MemberStatus) => <MemberStatusTag status={s} t={t} /> },
        { title: t('mobilization.arrivals.from'), dataIndex: 'unitName' },
        { title: t('mobilization.batch.node'), dataIndex: 'nodeName' },
        { title: t('mobilization.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
        { title: t('mobilization.arrivals.reportedAt'), key: 'reported', render: (_: unknown, m) => reported(m) },
        { title: t('mobilization.arrivals.assignment'), key: 'assignment', render: (_: unknown, m) => assignment(m) },
        ...(receiving ? [{ title: t('common.actions'), key: 'actions', fixed: 'right' as const, render: (_: unknown, m: DispatchMemberView) => actions(m) }] : []),
      ]}
    />
  );

  return (
    <div data-testid="tab-arrivals">
      <div className="filter-bar">
        <Segmented<StatusFilter>
          block={compact}
          style={compact ? { width: '100%', flexBasis: '100%' } : undefined}
          value={status}
          onChange={setStatus}
          options={(['all', 'expected', 'reported', 'assigned'] as const).map((s) => ({
            value: s, label: s === 'all' ? t('common.all') : t(`mobilization.memberStatus.${s}` as MessageKey),
          }))}
          data-testid="arrival-status"
        />
        {me.role !== 'unit_liaison' && (
          <>
            <div style={{ width: compact ? '100%' : 240 }}>
              <NodePicker value={nodeId} onChange={setNodeId} placeholder={t('mobilization.arrivals.scope')} />
            </div>
            <Button icon={<QrcodeOutlined />} onClick={() => setShowCode(true)} data-testid="code-open">{t('mobilization.code.title')}</Button>
          </>
        )}
      </div>
      <ApiErrorAlert error={list.error} />
      {listView}
      <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.loadMore()} />
      <Modal open={showCode} onCancel={() => setShowCode(false)} footer={null} destroyOnHidden width={420} styles={{ body: { paddingTop: 24 } }}>
        <ReportInCodeCard canWrite={canWrite} />
      </Modal>
      {assigning && (
        <AssignModal
          name={assigning.personName}
          onClose={() => setAssigning(null)}
          onAssign={async (input) => {
            list.upsert(await mobilizationApi.assignArrival(assigning.id, input));
            setAssigning(null);
            onChanged();
            void message.success(t('mobilization.assign.done'));
          }}
        />
      )}
    </div>
  );
}

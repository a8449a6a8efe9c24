import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Empty, Input, List, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { DUE_KINDS } from '@shared/modules/outsiders/outsiders.schema.ts';
import { outsidersApi, type ArrivalView, type DueView } from '../../api/outsiders.ts';
import { download } from '../../api/transfer.ts';
import { useCan } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useKeysetList } from '../../components/useKeysetList.ts';
import { useT } from '../../i18n/index.tsx';
import { ArrivalForm } from './ArrivalForm.tsx';
import { MeasureDialog, type MeasureTarget } from './MeasureDialogs.tsx';
import { MeasureLine, RiskTag, STATUS_COLORS } from './measureBits.tsx';

const DUE_COLORS = { test_due: 'blue', isolation_ends: 'green', monitoring: 'purple' } as const;

/** 外来人员: who is due for what today, the registrations with their measures, and the gate registration form. */
export default function OutsidersPage() {
  const t = useT();
  const can = useCan();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const [nodeId, setNodeId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [tab, setTab] = useState('due');
  const [due, setDue] = useState<DueView | null>(null);
  const [dueError, setDueError] = useState<unknown>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [target, setTarget] = useState<MeasureTarget | null>(null);
  const canWrite = can('outsiders.write');
  // Guards register at the gate; the community decides the measures.
  const canConfirm = can('outsiders.confirm');

  const loadDue = useCallback(() => {
    setDueError(null);
    outsidersApi.due(nodeId).then(setDue, setDueError);
  }, [nodeId]);
  useEffect(loadDue, [loadDue]);

  const fetchPage = useCallback(
    (cursor: string | null) => outsidersApi.list({ nodeId: nodeId ?? undefined, q: query || undefined }, cursor),
    [nodeId, query],
  );
  const list = useKeysetList(fetchPage);
  const changed = (a: ArrivalView) => { list.upsert(a); loadDue(); setTarget(null); };
  const act = async (p: Promise<ArrivalView>) => {
    try { changed(await p); void message.success(t('common.saved')); } catch (e) { void message.error((e as Error).message); }
  };

  const arrivalItem = (a: ArrivalView) => {
    // On a phone the button goes under the record (full width for a thumb), on a desk beside it.
    const confirm = canConfirm && a.measures.some((m) => m.status === 'proposed') && (
      <Button key="c" type="primary" size={phone ? 'large' : 'middle'} block={phone} style={phone ? { marginTop: 8 } : undefined}
        onClick={() => void act(outsidersApi.confirmAll(a.id))} data-testid="arrival-confirm">{t('outsiders.confirmAll')}</Button>
    );
    return (
      <List.Item key={a.id} data-testid="arrival-item" actions={confirm && !phone ? [confirm] : undefined}>
        <List.Item.Meta
          title={<Space wrap size={4}><b>{a.name}</b><RiskTag level={a.riskLevel} /><Typography.Text type="secondary">{a.fromRegion} · {a.arrivalDate}</Typography.Text></Space>}
          description={
            <div>
              <div>{a.stay}{a.idNumberMasked && ` · ${a.idNumberMasked}`}{a.phoneMasked && ` · ${a.phoneMasked}`}</div>
              <Typography.Text type="secondary">
                {t('outsiders.via', { via: a.checkpointName ?? t(`outsiders.via.${a.registeredVia}`), who: a.createdBy })}
                {a.ruleVersion && ` · ${t('outsiders.ruleVersion', { name: a.ruleVersion.name })}`}
              </Typography.Text>
              {a.measures.map((m) => (
                <div key={m.id} style={{ marginTop: 4 }}>
                  <Tag color={STATUS_COLORS[m.status]}>{t(`outsiders.status.${m.status}`)}</Tag>
                  <MeasureLine kind={m.kind} startsOn={m.startsOn} endsOn={m.endsOn} testDays={m.testDays} />
                  {m.reason && <Typography.Text type="secondary"> · {m.reason}</Typography.Text>}
                  {canConfirm && (m.status === 'proposed' || m.status === 'confirmed') && (
                    <Space size={0} style={{ marginLeft: 4 }}>
                      <Button type="link" size="small" onClick={() => setTarget({ arrival: a, measure: m, action: 'adjust' })}>{t('outsiders.adjust')}</Button>
                      <Button type="link" size="small" onClick={() => void act(outsidersApi.close(m.id, 'done'))}>{t('outsiders.markDone')}</Button>
                      <Button type="link" size="small" danger onClick={() => setTarget({ arrival: a, measure: m, action: 'cancel' })}>{t('outsiders.cancelMeasure')}</Button>
                    </Space>
                  )}
                </div>
              ))}
              {phone && confirm}
            </div>
          }
        />
      </List.Item>
    );
  };

  const dueTab = (
    <div data-testid="due-list">
      <ApiErrorAlert error={dueError} />
      {due && (
        <Space size={phone ? 16 : 32} wrap style={{ marginBottom: 12 }}>
          <Typography.Text strong>{due.date}</Typography.Text>
          {DUE_KINDS.map((k) => <Statistic key={k} title={t(`outsiders.due.${k}`)} value={due.counts[k]} />)}
        </Space>
      )}
      <List dataSource={due?.items ?? []} loading={!due && !dueError} locale={{ emptyText: <Empty description={t('outsiders.dueEmpty')} /> }}
        renderItem={(i) => (
          <List.Item key={i.measureId} data-testid="due-item">
            <List.Item.Meta
              title={<Space wrap size={4}><Tag color={DUE_COLORS[i.due]}>{t(`outsiders.due.${i.due}`)}</Tag><b>{i.name}</b>{i.phoneMasked && <span>{i.phoneMasked}</span>}</Space>}
              description={
                <span>
                  {i.stay} · {t(`outsiders.kind.${i.kind}`)} {t('outsiders.dayNo', { n: i.dayNo })}
                  {i.testNo && i.testCount ? ` · ${t('outsiders.testNo', { n: i.testNo, of: i.testCount })}` : ''}
                  {' · '}{i.fromRegion} <RiskTag level={i.riskLevel} />
                  <Tag color={STATUS_COLORS[i.status]}>{t(`outsiders.status.${i.status}`)}</Tag>
                </span>
              }
            />
          </List.Item>
        )} />
    </div>
  );

  return (
    <div data-testid="outsiders-page">
      <PageTitle
        title={t('outsiders.title')}
        actions={
          <Space wrap>
            {can('data.export') && (
              <Button icon={<DownloadOutlined />} onClick={() => download(outsidersApi.dueExportUrl(nodeId))} data-testid="due-export">{t('outsiders.exportDue')}</Button>
            )}
            {canWrite && (
              <Button type="primary" size={phone ? 'large' : 'middle'} icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="arrival-add">
                {t('outsiders.register')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction={phone ? 'vertical' : 'horizontal'} style={{ width: '100%' }} wrap>
          <div style={{ width: phone ? '100%' : 320 }}>
            <NodePicker value={nodeId} onChange={setNodeId} placeholder={t('outsiders.pickPlace')} testId="outsiders-node" />
          </div>
          {tab === 'arrivals' && (
            <Input.Search allowClear value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => setQuery(v.trim())}
              placeholder={t('outsiders.searchPlaceholder')} enterButton={t('common.search')} maxLength={50}
              style={{ width: phone ? '100%' : 320 }} data-testid="outsiders-search" />
          )}
        </Space>
      </Card>
      <Card size="small">
        <Tabs activeKey={tab} onChange={setTab} items={[
          { key: 'due', label: t('outsiders.tabDue'), children: dueTab },
          {
            key: 'arrivals', label: t('outsiders.tabArrivals'), children: (
              <div data-testid="arrival-list">
                <ApiErrorAlert error={list.error} />
                <List dataSource={list.items} loading={list.loading} renderItem={arrivalItem}
                  locale={{ emptyText: <Empty description={t('outsiders.arrivalsEmpty')} /> }} />
                <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.loadMore()} />
              </div>
            ),
          },
        ]} />
      </Card>
      <ArrivalForm open={formOpen} onClose={() => setFormOpen(false)}
        onSaved={(a) => { setFormOpen(false); void message.success(t('outsiders.saved')); changed(a); setTab('arrivals'); }} />
      <MeasureDialog target={target} onClose={() => setTarget(null)} onDone={changed} />
    </div>
  );
}

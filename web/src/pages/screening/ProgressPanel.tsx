import { useCallback, useEffect, useState } from 'react';
import { Button, Card, List, Progress, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import { MobileOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Counts, TaskProgressRow } from '@shared/modules/screening/screening.schema.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useLoad } from '../../components/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { AssignModal } from './AssignModal.tsx';
import { screeningApi } from './screeningApi.ts';
import { hhmmss } from '../../components/shanghaiTime.ts';

/** How often the live progress is read again while the page is open. */
const REFRESH_MS = 15_000;

const pct = (c: Counts) => (c.householdsTotal ? Math.round(((c.visited + c.nobodyHome + c.refused) * 100) / c.householdsTotal) : 0);

export function Totals({ total }: { total: Counts }) {
  const t = useT();
  return (
    <Space wrap size={[24, 8]} data-testid="screening-totals">
      <Statistic title={t('screening.col.households')} value={total.householdsTotal} />
      <Statistic title={t('screening.outcome.visited')} value={total.visited} valueStyle={{ color: '#389e0d' }} />
      <Statistic title={t('screening.outcome.nobody_home')} value={total.nobodyHome} valueStyle={{ color: '#d46b08' }} />
      <Statistic title={t('screening.outcome.refused')} value={total.refused} />
      <Statistic title={t('screening.notYet')} value={total.notYet} />
      <Statistic title={t('screening.symptomatic')} value={total.symptomatic} valueStyle={total.symptomatic ? { color: '#cf1322' } : undefined} />
      <Statistic title={t('screening.col.arrivals')} value={total.arrivals} />
      <Statistic title={t('screening.col.needsFound')} value={total.needsFound} />
      <Statistic title={t('screening.col.newPeople')} value={total.newPeople} />
    </Space>
  );
}

/** Live progress per building: refreshed every 15 s while the switch is on. */
export function ProgressPanel({ campaignId, canManage }: { campaignId: string; canManage: boolean }) {
  const t = useT();
  const phone = useIsPhone();
  const [version, setVersion] = useState(0);
  const [live, setLive] = useState(true);
  const [assigning, setAssigning] = useState<TaskProgressRow | null>(null);
  const load = useCallback(() => screeningApi.progress(campaignId), [campaignId]);
  const { data, error, loading } = useLoad(load, version);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setVersion((v) => v + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, [live]);

  const assignees = (r: TaskProgressRow) => (r.assignees.length ? r.assignees.map((a) => <Tag key={`${a.accountId}${a.personId}`}>{a.name}</Tag>) : <Typography.Text type="secondary">{t('screening.unassigned')}</Typography.Text>);
  const actions = (r: TaskProgressRow) => (
    <Space>
      {canManage && <Button size="small" icon={<TeamOutlined />} onClick={() => setAssigning(r)} data-testid="assign-button">{t('screening.assign.button')}</Button>}
      <Link to={`/screening/task/${r.taskId}`}><MobileOutlined /> {t('screening.openTask')}</Link>
    </Space>
  );
  const alert = (n: number) => (n > 0 ? <span className="scr-num-alert">{n}</span> : n);

  return (
    <div data-testid="screening-progress">
      <Space style={{ marginBottom: 12 }} wrap>
        <Switch checked={live} onChange={setLive} data-testid="screening-live" /> {t('screening.autoRefresh')}
        {data && <Typography.Text type="secondary">{t('screening.updatedAt', { time: hhmmss(data.at) })}</Typography.Text>}
      </Space>
      <ApiErrorAlert error={error} />
      {data && <Card size="small" style={{ marginBottom: 12 }}><Totals total={data.total} /></Card>}
      {phone ? (
        <List dataSource={data?.tasks ?? []} loading={loading && !data} renderItem={(r) => (
          <List.Item key={r.taskId}>
            <div style={{ width: '100%' }}>
              <strong>{r.name}</strong>
              <Progress percent={pct(r)} format={() => `${r.visited + r.nobodyHome + r.refused}/${r.householdsTotal}`} />
              <div>{t('screening.outcome.visited')} {r.visited} · {t('screening.outcome.nobody_home')} {r.nobodyHome} · {t('screening.notYet')} {r.notYet} · {t('screening.symptomatic')} {alert(r.symptomatic)}</div>
              <div style={{ margin: '4px 0' }}>{assignees(r)}</div>
              {actions(r)}
            </div>
          </List.Item>
        )} />
      ) : (
        <Table<TaskProgressRow> className="scr-progress-table" rowKey="taskId" size="small" loading={loading && !data} dataSource={data?.tasks ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="progress-table" scroll={{ x: true }}
          columns={[
            { title: t('screening.col.building'), dataIndex: 'name' },
            { title: t('screening.col.assignees'), render: (_, r) => assignees(r) },
            { title: t('screening.col.progress'), width: 160, render: (_, r) => <Progress percent={pct(r)} size="small" /> },
            { title: t('screening.col.households'), dataIndex: 'householdsTotal', align: 'right' },
            { title: t('screening.outcome.visited'), dataIndex: 'visited', align: 'right' },
            { title: t('screening.outcome.nobody_home'), dataIndex: 'nobodyHome', align: 'right' },
            { title: t('screening.outcome.refused'), dataIndex: 'refused', align: 'right' },
            { title: t('screening.notYet'), dataIndex: 'notYet', align: 'right' },
            { title: t('screening.symptomatic'), dataIndex: 'symptomatic', align: 'right', render: alert },
            { title: t('screening.col.arrivals'), dataIndex: 'arrivals', align: 'right' },
            { title: t('screening.col.needsFound'), dataIndex: 'needsFound', align: 'right' },
            { title: t('common.actions'), render: (_, r) => actions(r) },
          ]} />
      )}
      <AssignModal task={assigning} onClose={() => setAssigning(null)} onSaved={() => { setAssigning(null); setVersion((v) => v + 1); }} />
    </div>
  );
}

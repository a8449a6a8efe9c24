import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Progress, Row, Segmented, Space, Spin, Statistic, Table, Tabs, Typography } from 'antd';
import { ReloadOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { shanghaiDay } from '@shared/platform/clock.ts';
import { overviewApi, type OverviewFigure, type OverviewRow, type OverviewView } from '../../api/overview.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { shanghaiText } from '../reports/reportsShared.tsx';
import { BarList } from './BarList.tsx';
import './overview.css';

const TOP = 15;
const figureKey = (f: OverviewFigure) => `reports.overview.figure.${f}` as MessageKey;

/** One breakdown (by community or by unit): bars of the chosen figure, and every figure in a table. */
function Breakdown({ rows, figures, testId }: { rows: OverviewRow[]; figures: OverviewFigure[]; testId: string }) {
  const t = useT();
  const phone = useIsPhone();
  // Start on the first figure that has something to show.
  const [figure, setFigure] = useState<OverviewFigure>(() => figures.find((f) => rows.some((r) => r.figures[f] > 0)) ?? figures[0]);
  useEffect(() => {
    if (!figures.includes(figure)) setFigure(figures[0]);
  }, [figures, figure]);
  const bars = [...rows].filter((r) => r.figures[figure] > 0).sort((a, b) => b.figures[figure] - a.figures[figure]).slice(0, TOP)
    .map((r) => ({ key: r.id, label: r.name, sub: r.parentName, value: r.figures[figure] }));
  return (
    <Tabs
      size="small"
      data-testid={testId}
      items={[
        {
          key: 'chart', label: t('reports.overview.chart'),
          children: (
            <>
              <Segmented
                size="small"
                value={figure}
                onChange={(v) => setFigure(v as OverviewFigure)}
                options={figures.map((f) => ({ value: f, label: t(figureKey(f)) }))}
                style={{ marginBottom: 10, maxWidth: '100%', overflowX: 'auto' }}
              />
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 6 }}>{t('reports.overview.top', { n: TOP })}</Typography.Paragraph>
              <BarList bars={bars} color={figure === 'reportsMissing' ? '#fa8c16' : '#c62828'} empty={t('reports.overview.none')} testId={`${testId}-bars`} />
            </>
          ),
        },
        {
          key: 'table', label: t('reports.overview.table'),
          children: (
            <Table<OverviewRow>
              size="small"
              rowKey="id"
              dataSource={rows}
              pagination={rows.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('reports.rollup.name'), dataIndex: 'name', fixed: phone ? undefined : 'left', render: (v: string, r) => (r.parentName ? `${v}（${r.parentName}）` : v) },
                ...figures.map((f) => ({
                  title: t(figureKey(f)), key: f, align: 'right' as const,
                  sorter: (a: OverviewRow, b: OverviewRow) => a.figures[f] - b.figures[f],
                  render: (_: unknown, r: OverviewRow) => r.figures[f],
                })),
              ]}
            />
          ),
        },
      ]}
    />
  );
}

/** 工作总览: the day's counts in reach — dispatched, reported in, on duty, teams, posts, areas, pledges, reports. */
export default function OverviewPage() {
  const t = useT();
  const me = useMe();
  const phone = useIsPhone();
  const [day, setDay] = useState(shanghaiDay(new Date()));
  const [nodeId, setNodeId] = useState<string | undefined>();
  const [view, setView] = useState<OverviewView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setError(null);
      setView(await overviewApi.get({ day, nodeId }));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [day, nodeId]);

  useEffect(() => {
    void load();
  }, [load]);

  const figures = view?.figures ?? [];
  const breakdownFigures = useMemo(() => figures.filter((f) => f !== 'teamMembers'), [figures]);

  return (
    <div data-testid="page-overview">
      <PageTitle
        title={t('reports.overview.title')}
        actions={
          <Space wrap>
            <DatePicker
              allowClear={false}
              value={dayjs(day)}
              onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))}
              disabledDate={(d) => d.format('YYYY-MM-DD') > shanghaiDay(new Date())}
              data-testid="overview-day"
            />
            {!me.unitId && (
              <div style={{ width: phone ? 200 : 240 }}>
                <NodePicker value={nodeId} onChange={(v) => setNodeId(v ?? undefined)} placeholder={t('reports.overview.scope')} testId="overview-node" />
              </div>
            )}
            <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} aria-label={t('common.refresh')} data-testid="overview-refresh" />
          </Space>
        }
      />
      <ApiErrorAlert error={error} />
      {!view ? (
        <Spin />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {view.node ? `${view.node.name} · ` : ''}
            {view.isToday ? t('reports.overview.asOf', { time: shanghaiText(view.now, 'full') }) : t('reports.overview.otherDay', { day: view.day })}
          </Typography.Paragraph>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {figures.map((f) => (
              <Col key={f} xs={8} sm={8} md={6} xl={4}>
                <div className={`overview-stat${f === 'reportsMissing' && view.totals[f] > 0 ? ' warn' : ''}`} data-testid={`overview-${f}`}>
                  <Statistic title={t(figureKey(f))} value={view.totals[f]} styles={phone ? { title: { fontSize: 12 }, content: { fontSize: 20 } } : undefined} />
                </div>
              </Col>
            ))}
          </Row>
          <Card
            size="small"
            title={t('reports.overview.forms')}
            extra={<Link to="/reports?tab=chase">{t('reports.tab.chase')} <RightOutlined /></Link>}
            style={{ marginBottom: 16 }}
          >
            {view.forms.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noForms')} />
            ) : (
              view.forms.map((f) => {
                const done = f.expected - f.missing;
                return (
                  <div key={f.id} style={{ marginBottom: 10 }} data-testid="overview-form">
                    <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
                      <strong>{f.name}</strong>
                      <Typography.Text type="secondary">
                        {t('reports.chase.submitted')} {done}/{f.expected} · {t('reports.chase.missing')} {f.missing} · {t('reports.chase.late')} {f.late} · {t('reports.deadlineAt', { time: f.deadline })}
                      </Typography.Text>
                    </Space>
                    <Progress percent={f.expected ? Math.round((done / f.expected) * 100) : 100} status={f.missing === 0 ? 'success' : 'active'} />
                  </div>
                );
              })
            )}
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={`${t('reports.overview.byCommunity')}（${view.byCommunity.length}）`}>
                <Breakdown rows={view.byCommunity} figures={breakdownFigures} testId="overview-communities" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={`${t('reports.overview.byUnit')}（${view.byUnit.length}）`}>
                <Breakdown rows={view.byUnit} figures={breakdownFigures} testId="overview-units" />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}

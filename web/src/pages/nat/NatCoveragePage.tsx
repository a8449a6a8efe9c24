import { useCallback, useEffect, useState } from 'react';
import { Breadcrumb, Button, Card, Col, Empty, Row, Segmented, Select, Space, Statistic } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../i18n/index.tsx';
import { shanghaiText } from '../reports/reportsShared.tsx';
import { coverageApi, type CoverageNodesView, type CoverageRoundView, type SeriesView, type SitesCoverageView } from './coverage-view/api.ts';
import { NodesTable, percent } from './coverage-view/NodesTable.tsx';
import { SeriesChart } from './coverage-view/SeriesChart.tsx';
import { SitesTable } from './coverage-view/SitesTable.tsx';
import { UntestedList } from './coverage-view/UntestedList.tsx';
import { useLiveRefresh } from './coverage-view/useLiveRefresh.ts';
import './coverage-view/coverage.css';

/** 检测进度: live coverage of a round — totals, sites, drill-down by place, the chart and the untested list. */
export default function NatCoveragePage() {
  const t = useT();
  const [rounds, setRounds] = useState<CoverageRoundView[] | null>(null);
  const [roundId, setRoundId] = useState<string | undefined>();
  const [nodeId, setNodeId] = useState<string | undefined>();
  const [bucket, setBucket] = useState<15 | 60>(60);
  const [nodes, setNodes] = useState<CoverageNodesView | null>(null);
  const [sites, setSites] = useState<SitesCoverageView | null>(null);
  const [series, setSeries] = useState<SeriesView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const live = useLiveRefresh(10_000);

  useEffect(() => {
    coverageApi.rounds().then((list) => {
      setRounds(list);
      setRoundId((cur) => cur ?? list.find((r) => r.status === 'open')?.id ?? list[0]?.id);
    }).catch(setError);
  }, []);

  const load = useCallback(async () => {
    if (!roundId) return;
    setLoading(true);
    try {
      const [n, s, c] = await Promise.all([coverageApi.nodes(roundId, nodeId), coverageApi.sites(roundId), coverageApi.series(roundId, bucket, nodeId)]);
      setNodes(n);
      setSites(s);
      setSeries(c);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [roundId, nodeId, bucket]);

  useEffect(() => {
    void load();
  }, [load, live.tick]);

  const total = nodes?.node;
  const chooseRound = (id: string) => {
    setRoundId(id);
    setNodeId(undefined);
    setNodes(null);
  };

  return (
    <div data-testid="page-nat-coverage">
      <PageTitle
        title={t('natCoverage.title')}
        actions={roundId && (
          <Button icon={<DownloadOutlined />} href={coverageApi.exportUrl(roundId, nodeId)} data-testid="coverage-export">{t('natCoverage.export')}</Button>
        )}
      />
      <div className="natcov-toolbar">
        <Select
          style={{ minWidth: 240, maxWidth: '100%' }}
          placeholder={t('natCoverage.pickRound')}
          value={roundId}
          onChange={chooseRound}
          loading={rounds === null}
          options={(rounds ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.startsOn}）` }))}
          data-testid="coverage-round"
        />
        <div style={{ minWidth: 220, flex: '0 1 320px' }}>
          <NodePicker value={nodeId ?? null} initialLabel={nodes && nodes.node.nodeId === nodeId ? nodes.node.name : null} onChange={(v) => setNodeId(v ?? undefined)} placeholder={t('natCoverage.pickPlace')} testId="coverage-node" />
        </div>
        <Button icon={<ReloadOutlined />} onClick={live.bump} loading={loading}>{t('natCoverage.refresh')}</Button>
        {nodes && (
          <span className="natcov-updated" data-testid="coverage-updated">
            {live.paused ? t('natCoverage.paused') : t('natCoverage.updatedAt', { time: shanghaiText(nodes.at, 'time') })}
          </span>
        )}
      </div>
      {error !== null && <ApiErrorAlert error={error} />}
      {rounds && rounds.length === 0 && <Empty description={t('natCoverage.noRounds')} />}
      {roundId && nodes && total && (
        <>
          <Breadcrumb
            style={{ marginBottom: 12 }}
            items={nodes.trail.map((n, i) => ({
              title: i < nodes.trail.length - 1 ? <a onClick={() => setNodeId(n.nodeId)}>{n.name}</a> : n.name,
            }))}
            data-testid="coverage-trail"
          />
          <Row gutter={[12, 12]} className="natcov-cards" data-testid="coverage-cards">
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('natCoverage.required')} value={total.required} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('natCoverage.sampled')} value={total.sampled} suffix={<span style={{ fontSize: 14 }}>{percent(total.sampled, total.required)}%</span>} /></Card></Col>
            <Col xs={12} md={6}><Card size="small" data-testid="coverage-untested-total"><Statistic title={t('natCoverage.untested')} value={total.untested} styles={{ content: { color: total.untested > 0 ? '#c62828' : '#389e0d' } }} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('natCoverage.exempt')} value={total.exempt} suffix={total.sampledNotRequired > 0 ? <span style={{ fontSize: 12 }}>+{total.sampledNotRequired} {t('natCoverage.sampledNotRequired')}</span> : undefined} /></Card></Col>
          </Row>
          <Card size="small" title={t('natCoverage.chart')} className="natcov-section"
            extra={<Segmented size="small" value={bucket} onChange={(v) => setBucket(v as 15 | 60)} options={[{ value: 60, label: t('natCoverage.bucket60') }, { value: 15, label: t('natCoverage.bucket15') }]} />}>
            <SeriesChart view={series} />
          </Card>
          <Card size="small" title={t('natCoverage.sites')} className="natcov-section">
            <SitesTable sites={sites?.sites ?? []} />
          </Card>
          {nodes.children.length > 0 && (
            <Card size="small" title={t('natCoverage.breakdown')} className="natcov-section">
              <NodesTable rows={nodes.children} onDrill={setNodeId} />
            </Card>
          )}
          <Card size="small" title={<Space>{t('natCoverage.untestedList')}<span style={{ color: '#c62828' }}>{total.untested}</span></Space>} className="natcov-section">
            <UntestedList roundId={roundId} nodeId={nodeId} tick={live.tick} />
          </Card>
        </>
      )}
    </div>
  );
}

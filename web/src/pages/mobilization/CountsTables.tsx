import { useCallback } from 'react';
import { Col, Progress, Row, Table, Typography } from 'antd';
import { mobilizationApi } from '../../api/mobilization.ts';
import { useT } from '../../i18n/index.tsx';
import { useLoad } from '../../components/useLoad.ts';

function Share({ part, whole }: { part: number; whole: number }) {
  return <Progress percent={whole ? Math.round((part / whole) * 100) : 0} size="small" format={() => `${part}/${whole}`} style={{ minWidth: 110, margin: 0 }} />;
}

/** Dispatched / reported in / assigned per sending unit and per receiving place (all batches in reach). */
export function CountsTables({ version }: { version: number }) {
  const t = useT();
  const load = useCallback(() => mobilizationApi.counts(), []);
  const { data, loading } = useLoad(load, version);
  const columns = [
    { title: t('mobilization.count.dispatched'), dataIndex: 'dispatched', width: 70 },
    { title: t('mobilization.count.reportedIn'), key: 'r', render: (_: unknown, r: { reportedIn: number; dispatched: number }) => <Share part={r.reportedIn} whole={r.dispatched} /> },
    { title: t('mobilization.count.assigned'), key: 'a', render: (_: unknown, r: { assigned: number; dispatched: number }) => <Share part={r.assigned} whole={r.dispatched} /> },
  ];
  return (
    <Row gutter={[16, 8]} style={{ marginTop: 16 }} data-testid="counts-tables">
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t('mobilization.count.byUnit')}</Typography.Title>
        <Table size="small" rowKey="unitId" loading={loading} pagination={false} dataSource={data?.byUnit ?? []} scroll={{ x: 'max-content' }}
          columns={[{ title: t('mobilization.unit'), dataIndex: 'unitName' }, ...columns]} />
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t('mobilization.count.byNode')}</Typography.Title>
        <Table size="small" rowKey="nodeId" loading={loading} pagination={false} dataSource={data?.byNode ?? []} scroll={{ x: 'max-content' }}
          columns={[{ title: t('mobilization.place'), dataIndex: 'nodeName' }, ...columns]} />
      </Col>
    </Row>
  );
}

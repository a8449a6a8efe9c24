import { Button, Progress, Table } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/index.tsx';
import type { CoverageNodeRow } from './api.ts';

export function percent(sampled: number, required: number): number {
  return required > 0 ? Math.floor((sampled / required) * 1000) / 10 : 100;
}

/** The children of the chosen node with their totals; a row with places below drills down. */
export function NodesTable({ rows, onDrill }: { rows: CoverageNodeRow[]; onDrill: (nodeId: string) => void }) {
  const t = useT();
  return (
    <Table<CoverageNodeRow>
      size="small"
      rowKey="nodeId"
      dataSource={rows}
      pagination={rows.length > 30 ? { pageSize: 30, size: 'small', showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      data-testid="coverage-nodes"
      onRow={(r) => ({ onClick: () => r.hasChildren && onDrill(r.nodeId), style: r.hasChildren ? { cursor: 'pointer' } : undefined })}
      columns={[
        {
          title: t('natCoverage.place'), dataIndex: 'name',
          render: (v: string, r) => (r.hasChildren ? <Button type="link" style={{ padding: 0, height: 'auto' }}>{v} <RightOutlined /></Button> : v),
        },
        { title: t('natCoverage.required'), dataIndex: 'required', align: 'right', sorter: (a, b) => a.required - b.required },
        { title: t('natCoverage.sampled'), dataIndex: 'sampled', align: 'right' },
        {
          title: t('natCoverage.untested'), dataIndex: 'untested', align: 'right', sorter: (a, b) => a.untested - b.untested,
          render: (v: number) => <span style={{ color: v > 0 ? '#c62828' : undefined, fontWeight: v > 0 ? 600 : undefined }}>{v}</span>,
        },
        { title: t('natCoverage.exempt'), dataIndex: 'exempt', align: 'right' },
        {
          title: t('natCoverage.rate'), key: 'rate', width: 140,
          render: (_, r) => <Progress percent={percent(r.sampled, r.required)} size="small" status={r.untested === 0 ? 'success' : 'active'} />,
        },
      ]}
    />
  );
}

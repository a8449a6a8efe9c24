import { useCallback, useState } from 'react';
import { Button, Card, Segmented, Space, Table } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TabulationRow } from '@shared/modules/screening/screening.schema.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useCan } from '../../auth/AuthContext.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { Totals } from './ProgressPanel.tsx';
import { screeningApi } from './screeningApi.ts';

type Level = 'buildings' | 'compounds' | 'communities';
const FIGURES = ['householdsTotal', 'visited', 'nobodyHome', 'refused', 'notYet', 'peoplePresent', 'symptomatic', 'arrivals', 'needsFound', 'newPeople'] as const;

/** 晚间汇总: the day's figures per building, compound and community, and the same numbers as an Excel workbook. */
export function TabulationPanel({ campaignId }: { campaignId: string }) {
  const t = useT();
  const can = useCan();
  const [level, setLevel] = useState<Level>('buildings');
  const [version, setVersion] = useState(0);
  const load = useCallback(() => screeningApi.tabulation(campaignId), [campaignId]);
  const { data, error, loading } = useLoad(load, version);
  const rows = data?.[level] ?? [];
  return (
    <div data-testid="screening-tabulation">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Level> value={level} onChange={setLevel} data-testid="tabulation-level" options={[
          { value: 'buildings', label: t('screening.level.buildings') },
          { value: 'compounds', label: t('screening.level.compounds') },
          { value: 'communities', label: t('screening.level.communities') },
        ]} />
        <Button icon={<ReloadOutlined />} onClick={() => setVersion((v) => v + 1)}>{t('common.refresh')}</Button>
        {can('data.export') && (
          <Button icon={<DownloadOutlined />} href={screeningApi.tabulationUrl(campaignId)} data-testid="tabulation-excel">{t('screening.excel')}</Button>
        )}
      </Space>
      <ApiErrorAlert error={error} />
      {data && <Card size="small" style={{ marginBottom: 12 }}><Totals total={data.total} /></Card>}
      <Table<TabulationRow> rowKey={(r) => r.nodeId ?? r.name} size="small" loading={loading} dataSource={rows} scroll={{ x: true }}
        pagination={{ pageSize: 100, hideOnSinglePage: true }} data-testid="tabulation-table"
        columns={[
          { title: t('common.name'), dataIndex: 'name', fixed: 'left' },
          ...(level !== 'communities' ? [{ title: t('screening.col.parent'), dataIndex: 'parentName' as const }] : []),
          ...FIGURES.map((k) => ({ title: t(`screening.col.${k}` as MessageKey), dataIndex: k, align: 'right' as const })),
        ]}
        summary={() => data ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><strong>{t('screening.total')}</strong></Table.Summary.Cell>
            {level !== 'communities' && <Table.Summary.Cell index={1} />}
            {FIGURES.map((k, i) => <Table.Summary.Cell key={k} index={i + 2} align="right"><strong>{data.total[k]}</strong></Table.Summary.Cell>)}
          </Table.Summary.Row>
        ) : null} />
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Breadcrumb, Button, Card, DatePicker, Dropdown, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { download } from '../../api/transfer.ts';
import {
  reportsApi, rollupExportUrl, type ReportFormView, type RollupHistoryView, type RollupView,
} from '../../api/reports.ts';
import type { RollupRow } from '@shared/modules/reports/rollup.schema.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useLevels } from '../../components/useLevels.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { DayBars } from './DayBars.tsx';
import { fieldLabel, FormDayBar, todayInShanghai } from './reportsShared.tsx';

interface Props {
  forms: ReportFormView[];
  formId: string | undefined;
  onForm: (id: string) => void;
  day: string;
  onDay: (day: string) => void;
}

type Row = RollupRow & { key: string };

/** The live roll-up: a row per child of the level (click a street to open its communities), the total, export. */
export function RollupTab({ forms, formId, onForm, day, onDay }: Props) {
  const t = useT();
  const { lang } = useLang();
  const phone = useIsPhone();
  const { levelName } = useLevels();
  const [by, setBy] = useState<'node' | 'unit'>('node');
  const [nodeId, setNodeId] = useState<string | undefined>();
  const [view, setView] = useState<RollupView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [range, setRange] = useState<[string, string]>([dayjs(todayInShanghai()).subtract(6, 'day').format('YYYY-MM-DD'), todayInShanghai()]);
  const [history, setHistory] = useState<RollupHistoryView | null>(null);

  // A new form opens at the top, by place unless only units report on it.
  useEffect(() => {
    setNodeId(undefined);
    const f = forms.find((x) => x.id === formId);
    if (f) setBy(f.reporterLevels.length === 0 && f.unitMode !== 'none' ? 'unit' : 'node');
  }, [formId, forms]);

  const load = useCallback(async () => {
    if (!formId) return;
    try {
      setError(null);
      const params = { formId, day, nodeId: by === 'node' ? nodeId : undefined, by };
      const [v, h] = await Promise.all([
        reportsApi.rollup(params),
        reportsApi.rollupHistory({ formId, nodeId: params.nodeId, by, from: range[0], to: range[1] }),
      ]);
      setView(v);
      setHistory(h);
    } catch (e) {
      setError(e);
    }
  }, [formId, day, nodeId, by, range]);

  useEffect(() => {
    void load();
  }, [load]);

  const fields = view?.fields ?? [];
  const rows: Row[] = (view?.rows ?? []).map((r) => ({ ...r, key: `${r.id}${r.isSelf ? '-self' : ''}` }));
  const open = (r: RollupRow) => r.drillable && setNodeId(r.id);
  const exportParams = formId ? { formId, day, nodeId: by === 'node' ? (nodeId ?? view?.node?.id) : undefined, by } : null;

  const columns: ColumnsType<Row> = [
    {
      title: t('reports.rollup.name'), dataIndex: 'name', fixed: 'left', width: 170,
      render: (name: string, r) => (
        <Space size={4}>
          {r.drillable ? <a onClick={() => open(r)} data-testid="rollup-open">{name}</a> : <span>{name}</span>}
          {r.isSelf && <Typography.Text type="secondary">{t('reports.rollup.own')}</Typography.Text>}
          {r.levelCode && !phone && <Tag>{levelName(r.levelCode)}</Tag>}
        </Space>
      ),
    },
    { title: t('reports.chase.expected'), dataIndex: 'expected', align: 'right', width: 70 },
    { title: t('reports.chase.submitted'), dataIndex: 'submitted', align: 'right', width: 70 },
    { title: t('reports.chase.missing'), dataIndex: 'missing', align: 'right', width: 70, render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
    { title: t('reports.chase.late'), dataIndex: 'late', align: 'right', width: 60 },
    { title: t('reports.chase.zero'), dataIndex: 'zero', align: 'right', width: 70 },
    ...fields.map((f) => ({ title: fieldLabel(f, lang), key: f.key, align: 'right' as const, width: 100, render: (_: unknown, r: Row) => r.sums[f.key] ?? 0 })),
  ];

  return (
    <div data-testid="reports-rollup">
      <div className="filter-bar">
        <FormDayBar forms={forms} formId={formId} onForm={onForm} day={day} onDay={onDay} phone={phone} />
        <Segmented
          value={by}
          onChange={(v) => setBy(v as 'node' | 'unit')}
          options={[{ value: 'node', label: t('reports.rollup.byNode') }, { value: 'unit', label: t('reports.rollup.byUnit') }]}
          data-testid="rollup-by"
        />
        {exportParams && (
          <Dropdown
            menu={{
              items: [{ key: 'xlsx', label: 'Excel (.xlsx)' }, { key: 'csv', label: 'CSV (.csv)' }],
              onClick: ({ key }) => download(rollupExportUrl(exportParams, key as 'xlsx' | 'csv')),
            }}
          >
            <Button icon={<DownloadOutlined />} data-testid="rollup-export">{t('reports.rollup.export')}</Button>
          </Dropdown>
        )}
      </div>
      <ApiErrorAlert error={error} />
      {view && by === 'node' && view.node && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          data-testid="rollup-breadcrumb"
          items={[
            ...(nodeId && view.ancestors.length === 0 ? [{ key: 'top', title: <a onClick={() => setNodeId(undefined)}>{t('reports.rollup.all')}</a> }] : []),
            ...view.ancestors.map((a) => ({ key: a.id, title: <a onClick={() => setNodeId(a.id)}>{a.name}</a> })),
            { key: view.node.id, title: <strong>{view.node.name}</strong> },
          ]}
        />
      )}
      {view && (
        <Card size="small" style={{ marginBottom: 12 }}>
          {phone ? (
            <List
              dataSource={[...rows, { ...view.total, key: 'total', id: 'total', kind: 'node', name: t('reports.rollup.total'), levelCode: null, isSelf: false, drillable: false } as Row]}
              locale={{ emptyText: t('reports.rollup.noRows') }}
              data-testid="rollup-list"
              renderItem={(r) => (
                <List.Item onClick={() => open(r)} style={{ cursor: r.drillable ? 'pointer' : undefined, background: r.key === 'total' ? '#fafafa' : undefined }}>
                  <div style={{ width: '100%' }}>
                    <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                      <strong>{r.name}{r.isSelf ? t('reports.rollup.own') : ''}</strong>
                      <span>
                        {r.submitted}/{r.expected} {r.missing > 0 && <Tag color="red">{t('reports.chase.missing')} {r.missing}</Tag>}
                        {r.drillable && <RightOutlined />}
                      </span>
                    </Space>
                    <div style={{ fontSize: 12, color: '#666' }}>
                      {fields.map((f) => `${fieldLabel(f, lang)} ${r.sums[f.key] ?? 0}`).join(' · ')}
                    </div>
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <Table<Row>
              size="small"
              rowKey="key"
              dataSource={rows}
              columns={columns}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('reports.rollup.noRows') }}
              onRow={(r) => ({ onDoubleClick: () => open(r) })}
              data-testid="rollup-table"
              summary={() => (
                <Table.Summary fixed>
                  <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }} data-testid="rollup-total">
                    <Table.Summary.Cell index={0}>{t('reports.rollup.total')}</Table.Summary.Cell>
                    {[view.total.expected, view.total.submitted, view.total.missing, view.total.late, view.total.zero, ...fields.map((f) => view.total.sums[f.key] ?? 0)].map((v, i) => (
                      <Table.Summary.Cell key={i} index={i + 1} align="right">{v}</Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                </Table.Summary>
              )}
            />
          )}
        </Card>
      )}
      <Card
        size="small"
        title={t('reports.rollup.history')}
        extra={
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
            disabledDate={(d) => d.format('YYYY-MM-DD') > todayInShanghai()}
            size="small"
            style={{ maxWidth: phone ? 230 : undefined }}
          />
        }
      >
        {history && <DayBars history={history} />}
      </Card>
    </div>
  );
}

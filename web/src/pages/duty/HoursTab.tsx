import { useCallback, useState } from 'react';
import { Button, DatePicker, Dropdown, List, Segmented, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { PersonHoursRow, UnitHoursRow } from '@shared/modules/duty/attendance.schema.ts';
import { dutyApi, type HoursView } from '../../api/duty.ts';
import { download } from '../../api/transfer.ts';
import { useCan } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useList } from '../../components/useList.ts';
import { useT } from '../../i18n/index.tsx';
import type { DutyTabProps } from './dutyTypes.ts';
import { mondayOf, today } from './time.ts';

/** 服务时长: hours on duty from check-ins, per person or per unit, for a date range; exportable. */
export function HoursTab({ nodeId, compact }: DutyTabProps) {
  const t = useT();
  const can = useCan();
  const [range, setRange] = useState<[string, string]>(() => [mondayOf(today()), today()]);
  const [groupBy, setGroupBy] = useState<'person' | 'unit'>('person');
  const query = { from: range[0], to: range[1], groupBy, ...(nodeId ? { nodeId } : {}) };
  const load = useCallback(async () => [await dutyApi.hours({ from: range[0], to: range[1], groupBy, ...(nodeId ? { nodeId } : {}) })], [range, groupBy, nodeId]);
  const result = useList<HoursView>(load);
  const view = result.items[0];

  return (
    <div data-testid="duty-hours">
      <div className="filter-bar duty-week-bar">
        <DatePicker.RangePicker
          value={[dayjs(range[0]), dayjs(range[1])]}
          allowClear={false}
          inputReadOnly
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
        />
        <Segmented value={groupBy} onChange={(v) => setGroupBy(v as 'person' | 'unit')} options={[
          { value: 'person', label: t('duty.byPerson') }, { value: 'unit', label: t('duty.byUnit') },
        ]} data-testid="hours-group" />
        {can('data.export') && (
          <Dropdown menu={{
            items: [{ key: 'xlsx', label: 'Excel (.xlsx)' }, { key: 'csv', label: 'CSV (.csv)' }],
            onClick: ({ key }) => download(dutyApi.hoursExportUrl(query, key as 'xlsx' | 'csv')),
          }}>
            <Button icon={<DownloadOutlined />} data-testid="hours-export">{t('transfer.export')}</Button>
          </Dropdown>
        )}
        {view && <Typography.Text data-testid="hours-total">{t('duty.totalHours')}：<strong>{view.totalHours}</strong> {t('duty.hoursUnit')}</Typography.Text>}
      </div>
      <ApiErrorAlert error={result.error} />
      {groupBy === 'person' ? (
        compact ? (
          <List<PersonHoursRow> loading={result.loading} dataSource={view?.people ?? []} renderItem={(p) => (
            <List.Item style={{ paddingInline: 4 }}>
              <List.Item.Meta title={p.personName} description={`${p.unitName ?? '—'} · ${t('duty.attendedOf', { a: p.attended, n: p.assigned })}${p.missed ? ` · ${t('duty.missedN', { n: p.missed })}` : ''}`} />
              <Typography.Text strong>{p.hours} {t('duty.hoursUnit')}</Typography.Text>
            </List.Item>
          )} />
        ) : (
          <Table<PersonHoursRow> rowKey="personId" size="middle" loading={result.loading} dataSource={view?.people ?? []} pagination={false} scroll={{ x: 'max-content' }}
            columns={[
              { title: t('duty.person'), dataIndex: 'personName' },
              { title: t('duty.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
              { title: t('duty.assignedCol'), dataIndex: 'assigned' },
              { title: t('duty.attendedCol'), dataIndex: 'attended' },
              { title: t('duty.lateCol'), dataIndex: 'late' },
              { title: t('duty.missedCol'), dataIndex: 'missed', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
              { title: t('duty.hoursCol'), dataIndex: 'hours', render: (n: number) => <strong>{n}</strong> },
            ]} />
        )
      ) : (
        <Table<UnitHoursRow> rowKey={(u) => u.unitId ?? '-'} size="middle" loading={result.loading} dataSource={view?.units ?? []} pagination={false} scroll={{ x: 'max-content' }}
          columns={[
            { title: t('duty.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? t('duty.noUnit') },
            { title: t('duty.peopleCol'), dataIndex: 'people' },
            { title: t('duty.assignedCol'), dataIndex: 'assigned' },
            { title: t('duty.attendedCol'), dataIndex: 'attended' },
            { title: t('duty.hoursCol'), dataIndex: 'hours', render: (n: number) => <strong>{n}</strong> },
          ]} />
      )}
    </div>
  );
}

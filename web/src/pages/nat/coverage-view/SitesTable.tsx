import { Empty, Table, Tag, Tooltip, Typography } from 'antd';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { useT } from '../../../i18n/index.tsx';
import { shanghaiText } from '../../reports/reportsShared.tsx';
import type { SiteCoverageRow } from './api.ts';

function Queue({ row }: { row: SiteCoverageRow }) {
  const t = useT();
  const q = row.queue;
  if (!q) return <Typography.Text type="secondary">{t('natCoverage.queueNone')}</Typography.Text>;
  return (
    <Tooltip title={t('natCoverage.queueHelp')}>
      <div>
        <Tag color={q.waiting > 0 ? 'orange' : 'green'}>{t('natCoverage.queueWaiting', { n: q.waiting })}</Tag>
        <div style={{ fontSize: 12, color: '#666' }}>
          {q.minutesToClear === null ? t('natCoverage.queueNoRate') : t('natCoverage.queueMinutes', { n: q.minutesToClear })}
        </div>
      </div>
    </Tooltip>
  );
}

/** Per site: sampled so far, this hour, per hour, tubes and the queue estimate; cards on a phone. */
export function SitesTable({ sites }: { sites: SiteCoverageRow[] }) {
  const t = useT();
  const phone = useIsPhone();
  if (sites.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('natCoverage.noSites')} />;
  const perHour = (r: SiteCoverageRow) => r.perHour.map((h) => `${shanghaiText(h.at, 'time')} ${h.count}`).join(' · ');
  if (phone) {
    return (
      <div data-testid="coverage-sites">
        {sites.map((r) => (
          <div key={r.siteId} className="natcov-site-card">
            <div className="natcov-site-head">
              <strong>{r.name}</strong>
              <span className="natcov-big">{r.sampled}</span>
            </div>
            <div className="natcov-site-meta">
              {r.opensAt}–{r.closesAt} · {t('natCoverage.desks')} {r.desks} · {t('natCoverage.thisHour')} {r.thisHour} · {t('natCoverage.tubes')} {r.tubesOpen}/{r.tubesClosed}
            </div>
            <Queue row={r} />
          </div>
        ))}
      </div>
    );
  }
  return (
    <Table<SiteCoverageRow>
      size="small"
      rowKey="siteId"
      dataSource={sites}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="coverage-sites"
      columns={[
        { title: t('natCoverage.site'), dataIndex: 'name' },
        { title: t('natCoverage.hours'), key: 'hours', render: (_, r) => `${r.opensAt}–${r.closesAt}` },
        { title: t('natCoverage.desks'), dataIndex: 'desks', align: 'right' },
        { title: t('natCoverage.sampled'), dataIndex: 'sampled', align: 'right', sorter: (a, b) => a.sampled - b.sampled },
        { title: t('natCoverage.thisHour'), dataIndex: 'thisHour', align: 'right' },
        { title: t('natCoverage.perHour'), key: 'perHour', render: (_, r) => <span style={{ fontSize: 12 }}>{perHour(r)}</span> },
        { title: t('natCoverage.tubes'), key: 'tubes', align: 'right', render: (_, r) => `${r.tubesOpen} / ${r.tubesClosed}` },
        { title: t('natCoverage.queue'), key: 'queue', render: (_, r) => <Queue row={r} /> },
      ]}
    />
  );
}

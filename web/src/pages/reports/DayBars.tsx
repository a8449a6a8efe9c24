import { Table, Typography } from 'antd';
import type { RollupHistoryView } from '../../api/reports.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { fieldLabel } from './reportsShared.tsx';

const HEIGHT = 120;
const BAR = 22;
const GAP = 10;

/** A day-by-day history: bars of reports in against the expected line (inline SVG), and the figures below. */
export function DayBars({ history }: { history: RollupHistoryView }) {
  const t = useT();
  const { lang } = useLang();
  const days = history.days;
  const top = Math.max(1, ...days.map((d) => Math.max(d.expected, d.submitted)));
  const width = days.length * (BAR + GAP) + GAP;
  const y = (v: number) => HEIGHT - (v / top) * (HEIGHT - 16);
  const expected = days[0]?.expected ?? 0;
  return (
    <div data-testid="rollup-history">
      <div style={{ overflowX: 'auto' }}>
        <svg width={Math.max(width, 280)} height={HEIGHT + 20} role="img" aria-label={t('reports.rollup.history')}>
          {expected > 0 && <line x1={0} x2={Math.max(width, 280)} y1={y(expected)} y2={y(expected)} stroke="#cf1322" strokeDasharray="4 3" />}
          {days.map((d, i) => {
            const x = GAP + i * (BAR + GAP);
            const h = HEIGHT - y(d.submitted);
            return (
              <g key={d.day}>
                <title>{`${d.day}: ${d.submitted}/${d.expected}`}</title>
                <rect x={x} y={y(d.submitted)} width={BAR} height={Math.max(h, 1)} rx={3} fill={d.missing > 0 ? '#ff7875' : '#52c41a'} />
                <text x={x + BAR / 2} y={y(d.submitted) - 3} fontSize={10} textAnchor="middle" fill="#555">{d.submitted}</text>
                <text x={x + BAR / 2} y={HEIGHT + 14} fontSize={10} textAnchor="middle" fill="#888">{d.day.slice(5)}</text>
              </g>
            );
          })}
        </svg>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 8px' }}>
        {t('reports.chase.expected')} {expected} · <span style={{ color: '#cf1322' }}>- - -</span>
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="day"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={[...days].reverse()}
        columns={[
          { title: t('reports.day'), dataIndex: 'day', width: 100 },
          { title: `${t('reports.chase.submitted')}/${t('reports.chase.expected')}`, key: 'rate', render: (_: unknown, d) => `${d.submitted}/${d.expected}` },
          { title: t('reports.chase.missing'), dataIndex: 'missing', align: 'right' as const },
          ...history.fields.map((f) => ({ title: fieldLabel(f, lang), key: f.key, align: 'right' as const, render: (_: unknown, d: (typeof days)[number]) => d.sums[f.key] ?? 0 })),
        ]}
      />
    </div>
  );
}

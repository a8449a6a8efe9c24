import { Empty } from 'antd';

export interface Bar {
  key: string;
  label: string;
  /** A second line under the label (e.g. the street of a community). */
  sub?: string | null;
  value: number;
}

/** Horizontal bars drawn with plain elements: readable on a 360-px phone, no chart library. */
export function BarList({ bars, color = '#c62828', empty, testId }: { bars: Bar[]; color?: string; empty: string; testId?: string }) {
  if (bars.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <div className="bar-list" data-testid={testId}>
      {bars.map((b) => (
        <div key={b.key} className="bar-row" title={`${b.label}: ${b.value}`}>
          <div className="bar-label">
            <div className="bar-name">{b.label}</div>
            {b.sub && <div className="bar-sub">{b.sub}</div>}
          </div>
          <div className="bar-track">
            <div className="bar-fill" style={{ width: `${(b.value / max) * 100}%`, background: color }} />
          </div>
          <div className="bar-value">{b.value}</div>
        </div>
      ))}
    </div>
  );
}

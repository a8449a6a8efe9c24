import { Tag } from 'antd';
import type { MeasureKind, MeasureStatus, RiskLevel } from '@shared/modules/outsiders/outsiders.schema.ts';
import { useT } from '../../i18n/index.tsx';

export const RISK_COLORS: Record<RiskLevel, string> = { high: 'red', medium: 'orange', low: 'gold', none: 'default' };
export const STATUS_COLORS: Record<MeasureStatus, string> = { proposed: 'blue', confirmed: 'green', done: 'default', cancelled: 'default' };

export function RiskTag({ level }: { level: RiskLevel }) {
  const t = useT();
  return <Tag color={RISK_COLORS[level]}>{t(`outsiders.risk.${level}`)}</Tag>;
}

/** "居家隔离 07-10 ~ 07-16" or "核酸检测 检测日：07-10, 07-12". */
export function MeasureLine({ kind, startsOn, endsOn, testDays }: { kind: MeasureKind; startsOn: string; endsOn: string; testDays: string[] | null }) {
  const t = useT();
  return (
    <span>
      <b>{t(`outsiders.kind.${kind}`)}</b> {startsOn} ~ {endsOn}
      {testDays && <span> · {t('outsiders.testDays', { days: testDays.map((d) => d.slice(5)).join('、') })}</span>}
    </span>
  );
}

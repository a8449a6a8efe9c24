import { Button, Input, InputNumber, Switch, Tag } from 'antd';
import { SYMPTOMS, type Outcome } from '@shared/modules/screening/screening.schema.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import type { TaskView } from './screeningApi.ts';

// Pieces shared by the household form and the new-person card.

const OUTCOME_COLOR: Record<Outcome, string> = { visited: 'green', nobody_home: 'orange', refused: 'default' };
const QUICK_TEMPS = [36.2, 36.5, 36.8];

export interface Observed {
  temperature: number | null;
  symptoms: string[];
  travel: boolean;
  travelFrom: string;
  arrivalDate: string;
}

export const emptyObserved = (): Observed => ({ temperature: null, symptoms: [], travel: false, travelFrom: '', arrivalDate: '' });

export function observation(o: Observed) {
  return {
    temperature: o.temperature, symptoms: o.symptoms,
    travelFrom: o.travel ? o.travelFrom || null : null, arrivalDate: o.travel ? o.arrivalDate || null : null,
  };
}

export function OutcomeTag({ outcome, testId }: { outcome: Outcome | null; testId?: string }) {
  const t = useT();
  return <Tag color={outcome ? OUTCOME_COLOR[outcome] : 'red'} data-testid={testId} data-outcome={outcome ?? 'none'}>
    {outcome ? t(`screening.outcome.${outcome}` as MessageKey) : t('screening.notYet')}
  </Tag>;
}

/** Temperature, symptoms, travel and (optionally) needs found for one person. */
export function PersonObservation({ value, onChange, campaign, testPrefix, needs, chosenNeeds, onNeeds }: {
  value: Observed; onChange: (change: Partial<Observed>) => void; campaign: TaskView['campaign']; testPrefix: string;
  needs?: readonly string[]; chosenNeeds?: string[]; onNeeds?: (needs: string[]) => void;
}) {
  const t = useT();
  const fever = value.temperature !== null && value.temperature >= campaign.feverThreshold;
  const flip = (list: string[], k: string) => (list.includes(k) ? list.filter((x) => x !== k) : [...list, k]);
  return (
    <>
      {campaign.recordTemperature && (
        <div className="scr-row">
          <InputNumber<number> size="large" inputMode="decimal" min={34} max={43} step={0.1} precision={1} value={value.temperature}
            onChange={(v) => onChange({ temperature: v ?? null })} placeholder={t('screening.visit.temperature')} suffix="°C"
            status={fever ? 'error' : undefined} data-testid={`${testPrefix}-temperature`} />
          {QUICK_TEMPS.map((q) => (
            <Button key={q} className="scr-quick" onClick={() => onChange({ temperature: q })}>{q}</Button>
          ))}
          {fever && <Tag color="red">{t('screening.visit.fever')}</Tag>}
        </div>
      )}
      {campaign.recordSymptoms && (
        <div className="scr-tags">
          {SYMPTOMS.map((s) => (
            <Tag.CheckableTag key={s} checked={value.symptoms.includes(s)} onChange={() => onChange({ symptoms: flip(value.symptoms, s) })}>
              {t(`screening.symptom.${s}` as MessageKey)}
            </Tag.CheckableTag>
          ))}
        </div>
      )}
      {campaign.recordTravel && (
        <div className="scr-row">
          <Switch checked={value.travel} onChange={(travel) => onChange({ travel })} /> {t('screening.visit.travel')}
          {value.travel && (
            <>
              <Input size="large" value={value.travelFrom} onChange={(e) => onChange({ travelFrom: e.target.value })} maxLength={100} placeholder={t('screening.visit.travelFrom')} />
              <Input size="large" type="date" value={value.arrivalDate} onChange={(e) => onChange({ arrivalDate: e.target.value })} aria-label={t('screening.visit.arrivalDate')} />
            </>
          )}
        </div>
      )}
      {needs && onNeeds && needs.length > 0 && (
        <>
          <div className="scr-person-meta" style={{ marginTop: 8 }}>{t('screening.visit.needsFound')}</div>
          <div className="scr-tags">
            {needs.map((k) => (
              <Tag.CheckableTag key={k} checked={chosenNeeds?.includes(k) ?? false} onChange={() => onNeeds(flip(chosenNeeds ?? [], k))}>
                {t(`registry.need.${k}` as MessageKey)}
              </Tag.CheckableTag>
            ))}
          </div>
        </>
      )}
    </>
  );
}

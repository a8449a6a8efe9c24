import { useRef, useState } from 'react';
import { Alert, Button, Input, Tag, message } from 'antd';
import { LeftOutlined, UserAddOutlined } from '@ant-design/icons';
import { NEED_KINDS } from '@shared/modules/registry/registry.schema.ts';
import type { Counts, Outcome, TaskHouseholdView } from '@shared/modules/screening/screening.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { ApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errorMessage.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { NewPersonCard, emptyNewPerson, type NewPersonDraft } from './NewPersonCard.tsx';
import { OutcomeTag, PersonObservation, emptyObserved, observation, type Observed } from './PersonObservation.tsx';
import { screeningApi, type TaskView, type VisitWrite } from './screeningApi.ts';

/** One household at the door: tick who is home, take temperatures, note symptoms, travel and needs, then one outcome tap. */
export function HouseholdVisit({ task, household, onClose, onDone }: {
  task: TaskView; household: TaskHouseholdView; onClose: () => void; onDone: (counts: Counts) => void;
}) {
  const t = useT();
  const campaign = task.campaign;
  const [present, setPresent] = useState<Record<string, Observed & { needs: string[] }>>({});
  const [newPeople, setNewPeople] = useState<NewPersonDraft[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Kept until the server answers, so a retried tap after a lost answer records the visit once.
  const pending = useRef<{ outcome: Outcome; id: string } | null>(null);

  const toggle = (id: string) => setPresent((p) => {
    const next = { ...p };
    if (next[id]) delete next[id];
    else next[id] = { ...emptyObserved(), needs: [] };
    return next;
  });
  const patch = (id: string, change: Partial<Observed & { needs: string[] }>) => setPresent((p) => ({ ...p, [id]: { ...p[id], ...change } }));

  const submit = async (outcome: Outcome) => {
    if (!pending.current || pending.current.outcome !== outcome) pending.current = { outcome, id: newId() };
    const seen = outcome === 'visited';
    const body: VisitWrite = {
      id: pending.current.id, householdId: household.householdId, outcome, note: note.trim() || null,
      present: seen ? Object.entries(present).map(([residentId, o]) => ({ residentId, ...observation(o), needsFound: o.needs })) : [],
      newPeople: seen ? newPeople.map((n) => n.toInput()) : [],
    };
    setBusy(outcome);
    setError(null);
    try {
      const result = await screeningApi.visit(task.id, body);
      pending.current = null;
      void message.success(t('screening.visit.saved', { name: household.name }));
      onDone(result.counts);
    } catch (e) {
      if (e instanceof ApiError && e.code !== 'NETWORK') pending.current = null;
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const who = (path: string | undefined): string => {
    const [list, index] = (path ?? '').split('.');
    const i = Number(index);
    if (list === 'present') return household.residents.find((r) => r.id === Object.keys(present)[i])?.name ?? '';
    if (list === 'newPeople') return newPeople[i]?.name || t('screening.visit.newPerson');
    return '';
  };

  return (
    <div className="scr-page" data-testid="household-visit">
      <div className="scr-head">
        <div className="scr-head-top">
          <Button type="link" icon={<LeftOutlined />} onClick={onClose} data-testid="visit-back" style={{ paddingInline: 0 }}>{task.name}</Button>
          <OutcomeTag outcome={household.outcome} />
        </div>
        <div className="scr-head-title">{household.name}</div>
        {household.visits > 0 && <div className="scr-head-sub">{t('screening.task.visits', { n: household.visits })}</div>}
      </div>

      <div className="scr-section">
        <div className="scr-section-title">{t('screening.visit.tickPresent')}</div>
        {household.residents.length === 0 && <div className="scr-door-meta">{t('screening.visit.noResidents')}</div>}
        {household.residents.map((r, i) => {
          const o = present[r.id];
          return (
            <div key={r.id} className={`scr-person${o ? ' scr-person-present' : ''}`} data-testid={`resident-${i}`}>
              <div className="scr-person-top">
                <div>
                  <div className="scr-person-name">{r.name}</div>
                  <div className="scr-person-meta">
                    {[r.birthYear ? `${r.birthYear}` : '', r.idNumberMasked ?? '', t(`registry.relation.${r.relation}` as MessageKey)].filter(Boolean).join(' · ')}
                  </div>
                  {r.needs.length > 0 && <div>{r.needs.map((n) => <Tag key={n.kind} color="volcano">{t(`registry.need.${n.kind}` as MessageKey)}</Tag>)}</div>}
                </div>
                <Button className="scr-present" type={o ? 'primary' : 'default'} onClick={() => toggle(r.id)} data-testid={`present-${i}`}>
                  {o ? `✓ ${t('screening.visit.present')}` : t('screening.visit.present')}
                </Button>
              </div>
              {o && (
                <PersonObservation value={o} onChange={(c) => patch(r.id, c)} campaign={campaign} testPrefix={`p${i}`}
                  needs={NEED_KINDS.filter((k) => !r.needs.some((n) => n.kind === k))} chosenNeeds={o.needs} onNeeds={(needs) => patch(r.id, { needs })} />
              )}
            </div>
          );
        })}
      </div>

      <div className="scr-section">
        <div className="scr-section-title">{t('screening.visit.newPeople')}</div>
        {newPeople.map((n, i) => (
          <NewPersonCard key={n.id} value={n} campaign={campaign} index={i}
            onChange={(next) => setNewPeople((l) => l.map((x, j) => (j === i ? next : x)))}
            onRemove={() => setNewPeople((l) => l.filter((_, j) => j !== i))} />
        ))}
        <Button block size="large" icon={<UserAddOutlined />} onClick={() => setNewPeople((l) => [...l, emptyNewPerson()])} data-testid="add-new-person">
          {t('screening.visit.addNewPerson')}
        </Button>
      </div>

      <div className="scr-section">
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('screening.visit.note')} />
      </div>

      {error ? (
        <div style={{ margin: '8px 12px' }}>
          <Alert type="error" showIcon data-testid="visit-error" title={errorMessage(error)}
            description={error instanceof ApiError && error.details.length > 0
              ? error.details.map((d) => [who(d.path), d.message].filter(Boolean).join('：')).join('；') : undefined} />
        </div>
      ) : null}

      <div className="scr-bar">
        <Button className="scr-btn-nobody" loading={busy === 'nobody_home'} disabled={!!busy} onClick={() => void submit('nobody_home')} data-testid="visit-nobody-home">
          {t('screening.outcome.nobody_home')}
        </Button>
        <Button className="scr-btn-refused" loading={busy === 'refused'} disabled={!!busy} onClick={() => void submit('refused')} data-testid="visit-refused">
          {t('screening.outcome.refused')}
        </Button>
        <Button className="scr-btn-visited" loading={busy === 'visited'} disabled={!!busy} onClick={() => void submit('visited')} data-testid="visit-visited">
          {t('screening.visit.submitVisited')}
        </Button>
      </div>
    </div>
  );
}


import { Button, Input, Select } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { ID_TYPES, NEED_KINDS, RELATIONS, RESIDENCE_TYPES, type IdType, type NeedKind, type Relation, type ResidenceType } from '@shared/modules/registry/registry.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { PersonObservation, emptyObserved, observation, type Observed } from './PersonObservation.tsx';
import type { TaskView, VisitWrite } from './screeningApi.ts';

export interface NewPersonDraft extends Observed {
  /** Client id of the resident-to-be: a retried visit registers the person once. */
  id: string;
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  relation: Relation;
  residenceType: ResidenceType;
  needs: NeedKind[];
  toInput(): VisitWrite['newPeople'][number];
}

export function emptyNewPerson(): NewPersonDraft {
  return withInput({ id: newId(), name: '', idType: 'id_card', idNumber: '', phone: '', relation: 'tenant', residenceType: 'temporary', needs: [], ...emptyObserved() });
}

function withInput(d: Omit<NewPersonDraft, 'toInput'>): NewPersonDraft {
  return {
    ...d,
    toInput: () => ({
      id: d.id, name: d.name.trim(), idType: d.idType, idNumber: d.idType === 'none' ? null : d.idNumber.trim() || null,
      phone: d.phone.trim() || null, relation: d.relation, residenceType: d.residenceType,
      needs: d.needs.map((kind) => ({ kind, note: null })), ...observation(d),
    }),
  };
}

/** A person found at the door who is not registered: registered in this household when the visit is saved. */
export function NewPersonCard({ value, onChange, onRemove, campaign, index }: {
  value: NewPersonDraft; onChange: (v: NewPersonDraft) => void; onRemove: () => void; campaign: TaskView['campaign']; index: number;
}) {
  const t = useT();
  const set = (change: Partial<Omit<NewPersonDraft, 'toInput'>>) => onChange(withInput({ ...value, ...change }));
  const options = <K extends string>(keys: readonly K[], prefix: string) => keys.map((k) => ({ value: k, label: t(`${prefix}.${k}` as MessageKey) }));
  return (
    <div className="scr-person scr-person-present" data-testid={`new-person-${index}`}>
      <div className="scr-person-top">
        <Input size="large" value={value.name} onChange={(e) => set({ name: e.target.value })} maxLength={50} placeholder={t('registry.name')} data-testid={`new-person-${index}-name`} />
        <Button size="large" icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('common.delete')} />
      </div>
      <div className="scr-row">
        <Select<IdType> size="large" value={value.idType} onChange={(idType) => set({ idType })} options={options(ID_TYPES, 'registry.idType')} style={{ minWidth: 140 }} />
        {value.idType !== 'none' && (
          <Input size="large" value={value.idNumber} onChange={(e) => set({ idNumber: e.target.value })} maxLength={30} placeholder={t('registry.idNumber')}
            style={{ flex: 1, minWidth: 180 }} data-testid={`new-person-${index}-id`} />
        )}
      </div>
      <div className="scr-row">
        <Select<Relation> size="large" value={value.relation} onChange={(relation) => set({ relation })} options={options(RELATIONS, 'registry.relation')} style={{ minWidth: 120 }} />
        <Select<ResidenceType> size="large" value={value.residenceType} onChange={(residenceType) => set({ residenceType })} options={options(RESIDENCE_TYPES, 'registry.residence')} style={{ minWidth: 100 }} />
        <Input size="large" inputMode="tel" value={value.phone} onChange={(e) => set({ phone: e.target.value })} maxLength={20} placeholder={t('registry.phone')} style={{ flex: 1, minWidth: 150 }} />
      </div>
      <PersonObservation value={value} onChange={(c) => set(c)} campaign={campaign} testPrefix={`n${index}`}
        needs={NEED_KINDS} chosenNeeds={value.needs} onNeeds={(needs) => set({ needs: needs as NeedKind[] })} />
    </div>
  );
}

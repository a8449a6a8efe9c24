import { DatePicker, Form, Input, Select, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  PARENT_KINDS, PARTY_ORG_KINDS, PLACE_KINDS, TEMPORARY_KINDS, partyOrgIssues, type PartyOrgKind, type PartyOrgView, type PlaceKind,
} from '@shared/modules/org/org.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import type { PartyOrgWrite } from '../../api/org.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PartyOrgSelect, PersonSelect, UnitSelect } from '../../components/pickers.tsx';
import { fieldText } from '../../i18n/fields.ts';
import { useLabels, useT } from '../../i18n/index.tsx';

export interface PartyOrgValues {
  kind: PartyOrgKind;
  name: string;
  unitId?: string | null;
  parentId?: string | null;
  nodeId?: string | null;
  placeKind?: PlaceKind | null;
  placeName?: string | null;
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  secretaryPersonId?: string | null;
}

export const PARTY_ORG_FIELDS = ['kind', 'name', 'unitId', 'parentId', 'nodeId', 'placeKind', 'placeName', 'startsOn', 'endsOn', 'secretaryPersonId'];

export function toPartyOrgValues(o: PartyOrgView): PartyOrgValues {
  return {
    kind: o.kind, name: o.name, unitId: o.unitId, parentId: o.parentId, nodeId: o.nodeId, placeKind: o.placeKind,
    placeName: o.placeName, startsOn: o.startsOn ? dayjs(o.startsOn) : null, endsOn: o.endsOn ? dayjs(o.endsOn) : null,
    secretaryPersonId: o.secretaryPersonId,
  };
}

/** Form values → request body; throws nothing, but puts the shared rule's messages under the fields and returns null. */
export function toPartyOrgBody(v: PartyOrgValues, form: FormInstance<PartyOrgValues>): (PartyOrgWrite & { secretaryPersonId?: string | null }) | null {
  const temporary = TEMPORARY_KINDS.includes(v.kind);
  const body = {
    kind: v.kind,
    name: v.name.trim(),
    unitId: v.unitId ?? null,
    parentId: v.parentId ?? null,
    nodeId: v.nodeId ?? null,
    placeKind: temporary ? (v.placeKind ?? null) : null,
    placeName: temporary ? v.placeName?.trim() || null : null,
    startsOn: temporary && v.startsOn ? v.startsOn.format('YYYY-MM-DD') : null,
    endsOn: temporary && v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
    secretaryPersonId: v.secretaryPersonId ?? null,
  };
  const issues = partyOrgIssues(body);
  if (issues.length > 0) {
    form.setFields(issues.map((i) => ({ name: i.path as keyof PartyOrgValues, errors: [fieldText(i.message)] })));
    return null;
  }
  return body;
}

export function PartyOrgFormFields({ editing }: { editing: PartyOrgView | null }) {
  const t = useT();
  const { options } = useLabels();
  const kind = Form.useWatch<PartyOrgKind | undefined>('kind');
  const temporary = !!kind && TEMPORARY_KINDS.includes(kind);
  return (
    <>
      <Form.Item name="kind" label={t('org.poKind')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={options('partyOrgKind', PARTY_ORG_KINDS)} data-testid="party-org-kind" />
      </Form.Item>
      <Form.Item name="name" label={t('org.poName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={LIMITS.placeName} data-testid="party-org-name" />
      </Form.Item>
      <Form.Item name="parentId" label={t('org.parentOrg')}>
        <PartyOrgSelect kinds={kind ? PARENT_KINDS[kind] : undefined} excludeId={editing?.id} initialLabel={editing?.parentName} />
      </Form.Item>
      <Form.Item name="unitId" label={t('org.unit')}>
        <UnitSelect initialLabel={editing?.unitName} />
      </Form.Item>
      <Form.Item name="nodeId" label={t('org.node')} required={temporary}>
        <NodePicker initialLabel={editing?.nodeName} />
      </Form.Item>
      <Form.Item name="secretaryPersonId" label={t('org.secretary')}>
        <PersonSelect politicalStatus="member" initialLabel={editing?.secretaryName} />
      </Form.Item>
      {temporary && (
        <>
          <Form.Item name="placeKind" label={t('org.placeKind')} required>
            <Select options={options('placeKind', PLACE_KINDS)} allowClear />
          </Form.Item>
          <Form.Item name="placeName" label={t('org.placeName')}>
            <Input maxLength={LIMITS.placeName} />
          </Form.Item>
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item name="startsOn" label={t('org.startsOn')} required style={{ flex: '1 1 160px' }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="endsOn" label={t('org.endsOn')} style={{ flex: '1 1 160px' }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </div>
        </>
      )}
    </>
  );
}

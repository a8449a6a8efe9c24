import { useCallback, useState } from 'react';
import { Form, Select, Tag } from 'antd';
import { PARTY_ORG_KINDS, type PartyOrgKind, type PartyOrgView } from '@shared/modules/org/org.schema.ts';
import { orgApi } from '../../api/org.ts';
import { useLabels, useT } from '../../i18n/index.tsx';
import { CrudTab } from './CrudTab.tsx';
import { PARTY_ORG_FIELDS, PartyOrgFormFields, toPartyOrgBody, toPartyOrgValues, type PartyOrgValues } from './PartyOrgForm.tsx';

const KIND_COLORS: Record<PartyOrgKind, string> = {
  party_group: 'red', party_committee: 'volcano', branch: 'orange', temporary_branch: 'gold', temporary_group: 'lime',
};

/** 党组 / 党委 / 党支部 and the temporary branches set up at compounds, checkpoints and hotels. */
export function PartyOrgsTab({ canWrite, compact }: { canWrite: boolean; compact: boolean }) {
  const t = useT();
  const { label, options } = useLabels();
  const [kind, setKind] = useState<PartyOrgKind | undefined>();
  const load = useCallback(() => orgApi.partyOrgs(kind ? { kind } : {}), [kind]);
  const [form] = Form.useForm<PartyOrgValues>();

  const save = async (v: PartyOrgValues, org: PartyOrgView | null) => {
    const body = toPartyOrgBody(v, form);
    if (!body) return false;
    if (org) await orgApi.updatePartyOrg(org.id, body);
    else await orgApi.createPartyOrg(body);
  };

  return (
    <CrudTab<PartyOrgView, PartyOrgValues>
      testId="org-party-orgs"
      entity="party-org"
      listName={t('org.partyOrgs')}
      canWrite={canWrite}
      compact={compact}
      load={load}
      toolbar={() => (
        <Select allowClear placeholder={t('org.poKind')} style={{ width: 180 }} value={kind} onChange={setKind} options={options('partyOrgKind', PARTY_ORG_KINDS)} />
      )}
      columns={[
        { title: t('org.poName'), dataIndex: 'name' },
        { title: t('org.poKind'), dataIndex: 'kind', render: (v: PartyOrgKind) => <Tag color={KIND_COLORS[v]}>{label('partyOrgKind', v)}</Tag> },
        { title: t('org.parentOrg'), dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
        { title: t('org.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
        { title: t('org.node'), dataIndex: 'nodeName', render: (v: string | null) => v ?? '—' },
        { title: t('org.secretary'), dataIndex: 'secretaryName', render: (v: string | null) => v ?? '—' },
        {
          title: t('org.placeName'),
          key: 'place',
          render: (_: unknown, o: PartyOrgView) =>
            o.placeKind ? `${label('placeKind', o.placeKind)}${o.placeName ? ` · ${o.placeName}` : ''}` : '—',
        },
        {
          title: `${t('org.startsOn')} – ${t('org.endsOn')}`,
          key: 'dates',
          render: (_: unknown, o: PartyOrgView) => (o.startsOn ? `${o.startsOn} – ${o.endsOn ?? ''}` : '—'),
        },
      ]}
      remove={(o) => orgApi.removePartyOrg(o.id)}
      form={form}
      fields={PARTY_ORG_FIELDS}
      values={(o) => (o ? toPartyOrgValues(o) : { kind: 'branch' })}
      save={save}
      renderFields={(o) => <PartyOrgFormFields editing={o} />}
    />
  );
}

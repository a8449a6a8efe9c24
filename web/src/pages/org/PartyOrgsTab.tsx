import { useCallback, useState } from 'react';
import { App, Button, Form, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PARTY_ORG_KINDS, type PartyOrgKind, type PartyOrgView } from '@shared/modules/org/org.schema.ts';
import { orgApi } from '../../api/org.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useList } from '../../components/useList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useLabels, useT } from '../../i18n/index.tsx';
import { PARTY_ORG_FIELDS, PartyOrgFormFields, toPartyOrgBody, toPartyOrgValues, type PartyOrgValues } from './PartyOrgForm.tsx';
import { RowActions } from './RowActions.tsx';

const KIND_COLORS: Record<PartyOrgKind, string> = {
  party_group: 'red', party_committee: 'volcano', branch: 'orange', temporary_branch: 'gold', temporary_group: 'lime',
};

/** 党组 / 党委 / 党支部 and the temporary branches set up at compounds, checkpoints and hotels. */
export function PartyOrgsTab({ canWrite, compact }: { canWrite: boolean; compact: boolean }) {
  const t = useT();
  const { label, options } = useLabels();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [kind, setKind] = useState<PartyOrgKind | undefined>();
  const load = useCallback(() => orgApi.partyOrgs(kind ? { kind } : {}), [kind]);
  const list = useList(load);
  const [form] = Form.useForm<PartyOrgValues>();
  const [editing, setEditing] = useState<{ org: PartyOrgView | null } | null>(null);

  const submit = async (v: PartyOrgValues) => {
    const body = toPartyOrgBody(v, form);
    if (!body) return;
    if (editing?.org) await orgApi.updatePartyOrg(editing.org.id, body);
    else await orgApi.createPartyOrg(body);
    setEditing(null);
    void message.success(t('common.saved'));
    void list.reload();
  };

  const remove = async (o: PartyOrgView) => {
    try {
      await orgApi.removePartyOrg(o.id);
      void message.success(t('common.deleted'));
      void list.reload();
    } catch (e) {
      reportError(e, t('tree.cannotDelete'));
    }
  };

  return (
    <div data-testid="org-party-orgs">
      <div className="filter-bar">
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ org: null })} data-testid="party-org-add">
            {t('common.add')}
          </Button>
        )}
        <Select allowClear placeholder={t('org.poKind')} style={{ width: 180 }} value={kind} onChange={setKind} options={options('partyOrgKind', PARTY_ORG_KINDS)} />
      </div>
      <ApiErrorAlert error={list.error} />
      <Table<PartyOrgView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.items.length > 50 ? { pageSize: 50, showSizeChanger: false, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
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
          ...(canWrite
            ? [{
                title: t('common.actions'),
                key: 'a',
                fixed: 'right' as const,
                render: (_: unknown, o: PartyOrgView) => (
                  <RowActions compact={compact} name={o.name} onEdit={() => setEditing({ org: o })} onDelete={() => void remove(o)} />
                ),
              }]
            : []),
        ]}
      />
      <FormModal<PartyOrgValues>
        open={!!editing}
        title={editing?.org ? t('common.edit') : `${t('common.add')} · ${t('org.partyOrgs')}`}
        form={form}
        initialValues={editing?.org ? toPartyOrgValues(editing.org) : { kind: 'branch' }}
        fields={PARTY_ORG_FIELDS}
        onSubmit={submit}
        onClose={() => setEditing(null)}
        testId="party-org"
      >
        <PartyOrgFormFields editing={editing?.org ?? null} />
      </FormModal>
    </div>
  );
}

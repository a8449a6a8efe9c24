import { useCallback } from 'react';
import { Form, Input } from 'antd';
import { AreaInput, BRANCH_KINDS, type AreaView } from '@shared/modules/org/org.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { orgApi } from '../../api/org.ts';
import { zodRule } from '../../components/forms.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PartyOrgSelect, PersonSelect } from '../../components/pickers.tsx';
import { useT } from '../../i18n/index.tsx';
import { CrudTab } from './CrudTab.tsx';

interface Values {
  name: string;
  nodeId: string | null;
  branchId: string | null;
  leaderPersonId?: string | null;
}

/** 党员责任区: the stretch of a community (compound, buildings) a branch's members answer for. */
export function AreasTab({ canWrite, compact }: { canWrite: boolean; compact: boolean }) {
  const t = useT();
  const load = useCallback(() => orgApi.areas(), []);
  const [form] = Form.useForm<Values>();

  const save = async (v: Values, area: AreaView | null) => {
    const body = { name: v.name.trim(), nodeId: v.nodeId ?? undefined, branchId: v.branchId ?? undefined, leaderPersonId: v.leaderPersonId ?? null };
    if (area) await orgApi.updateArea(area.id, body);
    else await orgApi.createArea(body);
  };

  return (
    <CrudTab<AreaView, Values>
      testId="org-areas"
      entity="area"
      listName={t('org.areas')}
      canWrite={canWrite}
      compact={compact}
      load={load}
      columns={[
        { title: t('org.areaName'), dataIndex: 'name' },
        { title: t('org.branch'), dataIndex: 'branchName', render: (v: string | null) => v ?? '—' },
        { title: t('org.node'), dataIndex: 'nodeName', render: (v: string | null) => v ?? '—' },
        { title: t('org.leader'), dataIndex: 'leaderName', render: (v: string | null) => v ?? '—' },
        { title: t('org.posts'), dataIndex: 'postCount', align: 'right' },
      ]}
      remove={(a) => orgApi.removeArea(a.id)}
      form={form}
      fields={['name', 'nodeId', 'branchId', 'leaderPersonId']}
      values={(a) => (a ? { name: a.name, nodeId: a.nodeId, branchId: a.branchId, leaderPersonId: a.leaderPersonId } : undefined)}
      save={save}
      renderFields={(a) => (
        <>
          <Form.Item name="name" label={t('org.areaName')} rules={[{ required: true, whitespace: true, message: t('common.required') }, zodRule(AreaInput.shape.name)]}>
            <Input maxLength={LIMITS.placeName} data-testid="area-name" />
          </Form.Item>
          <Form.Item name="branchId" label={t('org.branch')} rules={[{ required: true, message: t('common.required') }]}>
            <PartyOrgSelect kinds={BRANCH_KINDS} initialLabel={a?.branchName} />
          </Form.Item>
          <Form.Item name="nodeId" label={t('org.node')} rules={[{ required: true, message: t('common.required') }]}>
            <NodePicker initialLabel={a?.nodeName} />
          </Form.Item>
          <Form.Item name="leaderPersonId" label={t('org.leader')}>
            <PersonSelect politicalStatus="member" initialLabel={a?.leaderName} />
          </Form.Item>
        </>
      )}
    />
  );
}

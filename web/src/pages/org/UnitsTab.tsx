import { useCallback } from 'react';
import { Form, Input, Select, Tag } from 'antd';
import { UNIT_KINDS, UnitInput, type UnitKind } from '@shared/modules/org/org.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { orgApi, type UnitView } from '../../api/org.ts';
import { zodRule } from '../../components/forms.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { TransferButtons } from '../../components/TransferButtons.tsx';
import { useLabels, useT } from '../../i18n/index.tsx';
import { CrudTab } from './CrudTab.tsx';

interface Values {
  name: string;
  kind: UnitKind;
  nodeId?: string | null;
}

/** 机关单位: the organs and institutions that send their people down to communities. */
export function UnitsTab({ canWrite, compact }: { canWrite: boolean; compact: boolean }) {
  const t = useT();
  const { label, options } = useLabels();
  const load = useCallback(() => orgApi.units(), []);
  const [form] = Form.useForm<Values>();

  const save = async (v: Values, unit: UnitView | null) => {
    const body = { name: v.name.trim(), kind: v.kind, nodeId: v.nodeId ?? null };
    if (unit) await orgApi.updateUnit(unit.id, body);
    else await orgApi.createUnit(body);
  };

  return (
    <CrudTab<UnitView, Values>
      testId="org-units"
      entity="unit"
      listName={t('org.units')}
      canWrite={canWrite}
      compact={compact}
      load={load}
      toolbar={(reload) => <TransferButtons kind="units" onImported={reload} />}
      columns={[
        { title: t('org.unitName'), dataIndex: 'name' },
        { title: t('org.unitKind'), dataIndex: 'kind', render: (v: string) => <Tag>{label('unitKind', v)}</Tag> },
        { title: t('org.node'), dataIndex: 'nodeName', render: (v: string | null) => v ?? '—' },
      ]}
      remove={(u) => orgApi.removeUnit(u.id)}
      form={form}
      fields={['name', 'kind', 'nodeId']}
      values={(u) => (u ? { name: u.name, kind: u.kind, nodeId: u.nodeId } : { kind: 'government' })}
      save={save}
      renderFields={(u) => (
        <>
          <Form.Item name="name" label={t('org.unitName')} rules={[{ required: true, whitespace: true, message: t('common.required') }, zodRule(UnitInput.shape.name)]}>
            <Input maxLength={LIMITS.placeName} data-testid="unit-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('org.unitKind')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={options('unitKind', UNIT_KINDS)} />
          </Form.Item>
          <Form.Item name="nodeId" label={t('org.node')}>
            <NodePicker initialLabel={u?.nodeName} />
          </Form.Item>
        </>
      )}
    />
  );
}

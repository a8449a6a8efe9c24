import { useCallback, useState } from 'react';
import { App, Button, Form, Input, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { UNIT_KINDS, UnitInput, type UnitKind } from '@shared/modules/org/org.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { orgApi, type UnitView } from '../../api/org.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { zodRule } from '../../components/forms.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { TransferButtons } from '../../components/TransferButtons.tsx';
import { useList } from '../../components/useList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useLabels, useT } from '../../i18n/index.tsx';
import { RowActions } from './RowActions.tsx';

interface Values {
  name: string;
  kind: UnitKind;
  nodeId?: string | null;
}

/** 机关单位: the organs and institutions that send their people down to communities. */
export function UnitsTab({ canWrite, compact }: { canWrite: boolean; compact: boolean }) {
  const t = useT();
  const { label, options } = useLabels();
  const { message } = App.useApp();
  const reportError = useReportError();
  const load = useCallback(() => orgApi.units(), []);
  const list = useList(load);
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<{ unit: UnitView | null } | null>(null);

  const submit = async (v: Values) => {
    const body = { name: v.name.trim(), kind: v.kind, nodeId: v.nodeId ?? null };
    if (editing?.unit) await orgApi.updateUnit(editing.unit.id, body);
    else await orgApi.createUnit(body);
    setEditing(null);
    void message.success(t('common.saved'));
    void list.reload();
  };

  const remove = async (u: UnitView) => {
    try {
      await orgApi.removeUnit(u.id);
      void message.success(t('common.deleted'));
      void list.reload();
    } catch (e) {
      reportError(e, t('tree.cannotDelete'));
    }
  };

  return (
    <div data-testid="org-units">
      <div className="filter-bar">
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ unit: null })} data-testid="unit-add">
            {t('common.add')}
          </Button>
        )}
        <TransferButtons kind="units" onImported={() => void list.reload()} />
      </div>
      <ApiErrorAlert error={list.error} />
      <Table<UnitView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.items.length > 50 ? { pageSize: 50, showSizeChanger: false, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('org.unitName'), dataIndex: 'name' },
          { title: t('org.unitKind'), dataIndex: 'kind', render: (v: string) => <Tag>{label('unitKind', v)}</Tag> },
          { title: t('org.node'), dataIndex: 'nodeName', render: (v: string | null) => v ?? '—' },
          ...(canWrite
            ? [{
                title: t('common.actions'),
                key: 'a',
                fixed: 'right' as const,
                render: (_: unknown, u: UnitView) => (
                  <RowActions compact={compact} name={u.name} onEdit={() => setEditing({ unit: u })} onDelete={() => void remove(u)} />
                ),
              }]
            : []),
        ]}
      />
      <FormModal<Values>
        open={!!editing}
        title={editing?.unit ? t('common.edit') : `${t('common.add')} · ${t('org.units')}`}
        form={form}
        initialValues={editing?.unit ? { name: editing.unit.name, kind: editing.unit.kind, nodeId: editing.unit.nodeId } : { kind: 'government' }}
        fields={['name', 'kind', 'nodeId']}
        onSubmit={submit}
        onClose={() => setEditing(null)}
        testId="unit"
      >
        <Form.Item name="name" label={t('org.unitName')} rules={[{ required: true, whitespace: true, message: t('common.required') }, zodRule(UnitInput.shape.name)]}>
          <Input maxLength={LIMITS.placeName} data-testid="unit-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('org.unitKind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={options('unitKind', UNIT_KINDS)} />
        </Form.Item>
        <Form.Item name="nodeId" label={t('org.node')}>
          <NodePicker initialLabel={editing?.unit?.nodeName} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

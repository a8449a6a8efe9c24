import { useCallback, useState } from 'react';
import { App, Button, Form, Input, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { AreaInput, BRANCH_KINDS, type AreaView } from '@shared/modules/org/org.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { orgApi } from '../../api/org.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { zodRule } from '../../components/forms.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PartyOrgSelect, PersonSelect } from '../../components/pickers.tsx';
import { useList } from '../../components/useList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useT } from '../../i18n/index.tsx';
import { RowActions } from './RowActions.tsx';

interface Values {
  name: string;
  nodeId: string | null;
  branchId: string | null;
  leaderPersonId?: string | null;
}

/** 党员责任区: the stretch of a community (compound, buildings) a branch's members answer for. */
export function AreasTab({ canWrite, compact }: { canWrite: boolean; compact: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const load = useCallback(() => orgApi.areas(), []);
  const list = useList(load);
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<{ area: AreaView | null } | null>(null);

  const submit = async (v: Values) => {
    const body = { name: v.name.trim(), nodeId: v.nodeId ?? undefined, branchId: v.branchId ?? undefined, leaderPersonId: v.leaderPersonId ?? null };
    if (editing?.area) await orgApi.updateArea(editing.area.id, body);
    else await orgApi.createArea(body);
    setEditing(null);
    void message.success(t('common.saved'));
    void list.reload();
  };

  const remove = async (a: AreaView) => {
    try {
      await orgApi.removeArea(a.id);
      void message.success(t('common.deleted'));
      void list.reload();
    } catch (e) {
      reportError(e, t('tree.cannotDelete'));
    }
  };

  return (
    <div data-testid="org-areas">
      {canWrite && (
        <div className="filter-bar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ area: null })} data-testid="area-add">
            {t('common.add')}
          </Button>
        </div>
      )}
      <ApiErrorAlert error={list.error} />
      <Table<AreaView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.items.length > 50 ? { pageSize: 50, showSizeChanger: false, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('org.areaName'), dataIndex: 'name' },
          { title: t('org.branch'), dataIndex: 'branchName', render: (v: string | null) => v ?? '—' },
          { title: t('org.node'), dataIndex: 'nodeName', render: (v: string | null) => v ?? '—' },
          { title: t('org.leader'), dataIndex: 'leaderName', render: (v: string | null) => v ?? '—' },
          { title: t('org.posts'), dataIndex: 'postCount', align: 'right' },
          ...(canWrite
            ? [{
                title: t('common.actions'),
                key: 'a',
                fixed: 'right' as const,
                render: (_: unknown, a: AreaView) => (
                  <RowActions compact={compact} name={a.name} onEdit={() => setEditing({ area: a })} onDelete={() => void remove(a)} />
                ),
              }]
            : []),
        ]}
      />
      <FormModal<Values>
        open={!!editing}
        title={editing?.area ? t('common.edit') : `${t('common.add')} · ${t('org.areas')}`}
        form={form}
        initialValues={editing?.area ? { name: editing.area.name, nodeId: editing.area.nodeId, branchId: editing.area.branchId, leaderPersonId: editing.area.leaderPersonId } : undefined}
        fields={['name', 'nodeId', 'branchId', 'leaderPersonId']}
        onSubmit={submit}
        onClose={() => setEditing(null)}
        testId="area"
      >
        <Form.Item name="name" label={t('org.areaName')} rules={[{ required: true, whitespace: true, message: t('common.required') }, zodRule(AreaInput.shape.name)]}>
          <Input maxLength={LIMITS.placeName} data-testid="area-name" />
        </Form.Item>
        <Form.Item name="branchId" label={t('org.branch')} rules={[{ required: true, message: t('common.required') }]}>
          <PartyOrgSelect kinds={BRANCH_KINDS} initialLabel={editing?.area?.branchName} />
        </Form.Item>
        <Form.Item name="nodeId" label={t('org.node')} rules={[{ required: true, message: t('common.required') }]}>
          <NodePicker initialLabel={editing?.area?.nodeName} />
        </Form.Item>
        <Form.Item name="leaderPersonId" label={t('org.leader')}>
          <PersonSelect politicalStatus="member" initialLabel={editing?.area?.leaderName} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

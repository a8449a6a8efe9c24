import { useState } from 'react';
import { App, Button, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { reportsApi, type ReportFormView } from '../../api/reports.ts';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useLevels } from '../../components/useLevels.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useT } from '../../i18n/index.tsx';
import { FormDesigner } from './FormDesigner.tsx';

/** The forms this account manages: who reports, by when, from when to when, which version. */
export function FormsTab({ forms, onChanged }: { forms: ReportFormView[]; onChanged: () => void }) {
  const t = useT();
  const phone = useIsPhone();
  const { levelName } = useLevels();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [editing, setEditing] = useState<ReportFormView | null>(null);
  const [open, setOpen] = useState(false);

  const remove = async (f: ReportFormView) => {
    try {
      await reportsApi.removeForm(f.id);
      void message.success(t('common.deleted'));
      onChanged();
    } catch (e) {
      reportError(e);
    }
  };
  const who = (f: ReportFormView) => [
    ...f.reporterLevels.map(levelName),
    ...(f.unitMode === 'all' ? [t('reports.forms.unitMode.all')] : f.unitMode === 'listed' ? [`${t('reports.forms.unitMode.listed')}×${f.unitIds.length}`] : []),
  ];
  const active = (f: ReportFormView) => `${f.activeFrom} ~ ${f.activeTo ?? t('reports.forms.open')}`;
  const actions = (f: ReportFormView) => (
    <Space size={0}>
      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => { setEditing(f); setOpen(true); }} data-testid="form-edit">
        {phone ? null : t('common.edit')}
      </Button>
      <Popconfirm title={t('reports.forms.deleteConfirm', { name: f.name })} onConfirm={() => void remove(f)} okText={t('common.delete')} cancelText={t('common.cancel')}>
        <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
      </Popconfirm>
    </Space>
  );

  return (
    <div data-testid="reports-forms">
      <div className="filter-bar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setOpen(true); }} data-testid="form-add">
          {t('reports.forms.add')}
        </Button>
      </div>
      {phone ? (
        <List
          dataSource={forms}
          renderItem={(f) => (
            <List.Item actions={[actions(f)]}>
              <List.Item.Meta
                title={<Space size={4} wrap>{f.name}<Tag>v{f.version}</Tag></Space>}
                description={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{who(f).join('、')} · {t('reports.deadlineAt', { time: f.deadline })} · {active(f)}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<ReportFormView>
          size="middle"
          rowKey="id"
          dataSource={forms}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="forms-table"
          columns={[
            { title: t('reports.forms.name'), dataIndex: 'name' },
            { title: t('reports.forms.node'), dataIndex: 'nodeName', render: (v: string | null) => v ?? t('reports.forms.nodeAll') },
            { title: t('reports.forms.levels'), key: 'who', render: (_: unknown, f) => who(f).map((w) => <Tag key={w}>{w}</Tag>) },
            { title: t('reports.deadline'), dataIndex: 'deadline' },
            { title: t('reports.forms.activeRange'), key: 'active', render: (_: unknown, f) => active(f) },
            { title: t('reports.forms.fields'), key: 'fields', render: (_: unknown, f) => f.fields.length },
            { title: t('reports.forms.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
            { title: t('common.actions'), key: 'actions', render: (_: unknown, f) => actions(f) },
          ]}
        />
      )}
      <FormDesigner open={open} form={editing} onClose={() => setOpen(false)} onSaved={() => { setOpen(false); void message.success(t('common.saved')); onChanged(); }} />
    </div>
  );
}

import { useState, type ReactNode } from 'react';
import { App, Button, Table, type FormInstance } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useList } from '../../components/useList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useT } from '../../i18n/index.tsx';
import { RowActions } from './RowActions.tsx';

interface Props<T extends { id: string; name: string }, V extends object> {
  /** data-testid of the tab; `entity` names the add button (`<entity>-add`) and the form (`<entity>`). */
  testId: string;
  entity: string;
  /** The list's name, for the add dialog's title ("新增 · 责任区"). */
  listName: string;
  canWrite: boolean;
  compact: boolean;
  /** Reads the whole list (memoised by the caller: a new function reloads). */
  load: () => Promise<T[]>;
  columns: ColumnsType<T>;
  /** More of the filter bar after the add button (a filter, import/export), given the list's reload. */
  toolbar?: (reload: () => void) => ReactNode;
  /** Below the list (a drawer), given the list's reload. */
  after?: (reload: () => void) => ReactNode;
  remove: (row: T) => Promise<unknown>;
  form: FormInstance<V>;
  fields: string[];
  /** The form's values for a row being edited, or for a new one (null). */
  values: (row: T | null) => Partial<V> | undefined;
  /** Saves (creates when `row` is null); false keeps the dialog open (the form has shown what is wrong). */
  save: (values: V, row: T | null) => Promise<boolean | void>;
  renderFields: (row: T | null) => ReactNode;
}

/**
 * One list of the party chain (units, party organisations, areas, posts): add / edit in a dialog, delete with
 * confirmation, the table with row actions when the user may write.
 */
export function CrudTab<T extends { id: string; name: string }, V extends object>(p: Props<T, V>) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const list = useList(p.load);
  const reload = () => void list.reload();
  const [editing, setEditing] = useState<{ row: T | null } | null>(null);

  const submit = async (v: V) => {
    if ((await p.save(v, editing?.row ?? null)) === false) return;
    setEditing(null);
    void message.success(t('common.saved'));
    reload();
  };

  const remove = async (row: T) => {
    try {
      await p.remove(row);
      void message.success(t('common.deleted'));
      reload();
    } catch (e) {
      reportError(e, t('tree.cannotDelete'));
    }
  };

  const actions: ColumnsType<T> = p.canWrite
    ? [{
        title: t('common.actions'),
        key: 'a',
        fixed: 'right',
        render: (_: unknown, row: T) => (
          <RowActions compact={p.compact} name={row.name} onEdit={() => setEditing({ row })} onDelete={() => void remove(row)} />
        ),
      }]
    : [];

  return (
    <div data-testid={p.testId}>
      {(p.canWrite || p.toolbar) && (
        <div className="filter-bar">
          {p.canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ row: null })} data-testid={`${p.entity}-add`}>
              {t('common.add')}
            </Button>
          )}
          {p.toolbar?.(reload)}
        </div>
      )}
      <ApiErrorAlert error={list.error} />
      <Table<T>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.items.length > 50 ? { pageSize: 50, showSizeChanger: false, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        columns={[...p.columns, ...actions]}
      />
      <FormModal<V>
        open={!!editing}
        title={editing?.row ? t('common.edit') : `${t('common.add')} · ${p.listName}`}
        form={p.form}
        initialValues={editing ? p.values(editing.row) : undefined}
        fields={p.fields}
        onSubmit={submit}
        onClose={() => setEditing(null)}
        testId={p.entity}
      >
        {p.renderFields(editing?.row ?? null)}
      </FormModal>
      {p.after?.(reload)}
    </div>
  );
}

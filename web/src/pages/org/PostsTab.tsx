import { useCallback, useState } from 'react';
import { App, Button, Form, Input, Table } from 'antd';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { PostInput, type PostView } from '@shared/modules/org/org.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { orgApi } from '../../api/org.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { zodRule } from '../../components/forms.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { AreaSelect } from '../../components/pickers.tsx';
import { useList } from '../../components/useList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useT } from '../../i18n/index.tsx';
import { PostMembersDrawer } from './PostMembersDrawer.tsx';
import { RowActions } from './RowActions.tsx';

interface Values {
  name: string;
  areaId: string | null;
  nodeId: string | null;
  duty?: string | null;
}

/** 党员先锋岗: a named post (a gate, a building, the testing desk) inside a responsibility area. */
export function PostsTab({ canWrite, compact }: { canWrite: boolean; compact: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const load = useCallback(() => orgApi.posts(), []);
  const list = useList(load);
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<{ post: PostView | null } | null>(null);
  const [members, setMembers] = useState<PostView | null>(null);

  const submit = async (v: Values) => {
    const body = { name: v.name.trim(), areaId: v.areaId ?? undefined, nodeId: v.nodeId ?? undefined, duty: v.duty?.trim() || null };
    if (editing?.post) await orgApi.updatePost(editing.post.id, body);
    else await orgApi.createPost(body);
    setEditing(null);
    void message.success(t('common.saved'));
    void list.reload();
  };

  const remove = async (p: PostView) => {
    try {
      await orgApi.removePost(p.id);
      void message.success(t('common.deleted'));
      void list.reload();
    } catch (e) {
      reportError(e, t('tree.cannotDelete'));
    }
  };

  return (
    <div data-testid="org-posts">
      {canWrite && (
        <div className="filter-bar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ post: null })} data-testid="post-add">
            {t('common.add')}
          </Button>
        </div>
      )}
      <ApiErrorAlert error={list.error} />
      <Table<PostView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.items.length > 50 ? { pageSize: 50, showSizeChanger: false, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('org.postName'), dataIndex: 'name' },
          { title: t('org.area'), dataIndex: 'areaName', render: (v: string | null) => v ?? '—' },
          { title: t('org.node'), dataIndex: 'nodeName', render: (v: string | null) => v ?? '—' },
          { title: t('org.duty'), dataIndex: 'duty', render: (v: string | null) => v ?? '—' },
          {
            title: t('org.members'),
            dataIndex: 'memberCount',
            render: (n: number, p: PostView) => (
              <Button size="small" icon={<TeamOutlined />} onClick={() => setMembers(p)} data-testid="post-members">
                {n}
              </Button>
            ),
          },
          ...(canWrite
            ? [{
                title: t('common.actions'),
                key: 'a',
                fixed: 'right' as const,
                render: (_: unknown, p: PostView) => (
                  <RowActions compact={compact} name={p.name} onEdit={() => setEditing({ post: p })} onDelete={() => void remove(p)} />
                ),
              }]
            : []),
        ]}
      />
      <FormModal<Values>
        open={!!editing}
        title={editing?.post ? t('common.edit') : `${t('common.add')} · ${t('org.posts')}`}
        form={form}
        initialValues={editing?.post ? { name: editing.post.name, areaId: editing.post.areaId, nodeId: editing.post.nodeId, duty: editing.post.duty } : undefined}
        fields={['name', 'areaId', 'nodeId', 'duty']}
        onSubmit={submit}
        onClose={() => setEditing(null)}
        testId="post"
      >
        <Form.Item name="name" label={t('org.postName')} rules={[{ required: true, whitespace: true, message: t('common.required') }, zodRule(PostInput.shape.name)]}>
          <Input maxLength={LIMITS.placeName} data-testid="post-name" />
        </Form.Item>
        <Form.Item name="areaId" label={t('org.area')} rules={[{ required: true, message: t('common.required') }]}>
          <AreaSelect initialLabel={editing?.post?.areaName} />
        </Form.Item>
        <Form.Item name="nodeId" label={t('org.node')} rules={[{ required: true, message: t('common.required') }]}>
          <NodePicker initialLabel={editing?.post?.nodeName} />
        </Form.Item>
        <Form.Item name="duty" label={t('org.duty')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </FormModal>
      {members && <PostMembersDrawer post={members} canWrite={canWrite} onClose={() => setMembers(null)} onChanged={() => void list.reload()} />}
    </div>
  );
}

import { useCallback, useState } from 'react';
import { Button, Form, Input } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { PostInput, type PostView } from '@shared/modules/org/org.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { orgApi } from '../../api/org.ts';
import { zodRule } from '../../components/forms.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { AreaSelect } from '../../components/pickers.tsx';
import { useT } from '../../i18n/index.tsx';
import { CrudTab } from './CrudTab.tsx';
import { PostMembersDrawer } from './PostMembersDrawer.tsx';

interface Values {
  name: string;
  areaId: string | null;
  nodeId: string | null;
  duty?: string | null;
}

/** 党员先锋岗: a named post (a gate, a building, the testing desk) inside a responsibility area. */
export function PostsTab({ canWrite, compact }: { canWrite: boolean; compact: boolean }) {
  const t = useT();
  const load = useCallback(() => orgApi.posts(), []);
  const [form] = Form.useForm<Values>();
  const [members, setMembers] = useState<PostView | null>(null);

  const save = async (v: Values, post: PostView | null) => {
    const body = { name: v.name.trim(), areaId: v.areaId ?? undefined, nodeId: v.nodeId ?? undefined, duty: v.duty?.trim() || null };
    if (post) await orgApi.updatePost(post.id, body);
    else await orgApi.createPost(body);
  };

  return (
    <CrudTab<PostView, Values>
      testId="org-posts"
      entity="post"
      listName={t('org.posts')}
      canWrite={canWrite}
      compact={compact}
      load={load}
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
      ]}
      remove={(p) => orgApi.removePost(p.id)}
      form={form}
      fields={['name', 'areaId', 'nodeId', 'duty']}
      values={(p) => (p ? { name: p.name, areaId: p.areaId, nodeId: p.nodeId, duty: p.duty } : undefined)}
      save={save}
      renderFields={(p) => (
        <>
          <Form.Item name="name" label={t('org.postName')} rules={[{ required: true, whitespace: true, message: t('common.required') }, zodRule(PostInput.shape.name)]}>
            <Input maxLength={LIMITS.placeName} data-testid="post-name" />
          </Form.Item>
          <Form.Item name="areaId" label={t('org.area')} rules={[{ required: true, message: t('common.required') }]}>
            <AreaSelect initialLabel={p?.areaName} />
          </Form.Item>
          <Form.Item name="nodeId" label={t('org.node')} rules={[{ required: true, message: t('common.required') }]}>
            <NodePicker initialLabel={p?.nodeName} />
          </Form.Item>
          <Form.Item name="duty" label={t('org.duty')}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </>
      )}
      after={(reload) => members && (
        <PostMembersDrawer post={members} canWrite={canWrite} onClose={() => setMembers(null)} onChanged={reload} />
      )}
    />
  );
}

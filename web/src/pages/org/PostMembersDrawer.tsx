import { useCallback, useState } from 'react';
import { App, Button, Drawer, List, Popconfirm, Select, Space, Tag } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { POST_MEMBER_ROLES, type PostMemberRole, type PostView } from '@shared/modules/org/org.schema.ts';
import { orgApi } from '../../api/org.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { PersonSelect } from '../../components/pickers.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useList } from '../../components/useList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useLabels, useT } from '../../i18n/index.tsx';

/** The people holding one vanguard post; members are added by searching the people register. */
export function PostMembersDrawer({ post, canWrite, onClose, onChanged }: { post: PostView; canWrite: boolean; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const phone = useIsPhone();
  const { label, options } = useLabels();
  const { message } = App.useApp();
  const reportError = useReportError();
  const load = useCallback(() => orgApi.postMembers(post.id), [post.id]);
  const list = useList(load);
  const [personId, setPersonId] = useState<string | null>(null);
  const [role, setRole] = useState<PostMemberRole>('member');
  const [busy, setBusy] = useState(false);

  const add = async () => {
    if (!personId) return;
    setBusy(true);
    try {
      await orgApi.addPostMember(post.id, personId, role);
      setPersonId(null);
      void message.success(t('common.saved'));
      void list.reload();
      onChanged();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    try {
      await orgApi.removePostMember(post.id, id);
      void list.reload();
      onChanged();
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <Drawer open onClose={onClose} title={`${t('org.members')} · ${post.name}`} size={phone ? '100%' : 480}>
      {canWrite && (
        <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <PersonSelect value={personId} onChange={setPersonId} placeholder={t('org.person')} testId="post-member-person" />
          </div>
          <Select value={role} onChange={setRole} options={options('postRole', POST_MEMBER_ROLES)} style={{ width: 100 }} />
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => void add()} loading={busy} disabled={!personId} data-testid="post-member-add">
            {phone ? null : t('org.addMember')}
          </Button>
        </Space.Compact>
      )}
      <ApiErrorAlert error={list.error} />
      <List
        loading={list.loading}
        dataSource={list.items}
        locale={{ emptyText: t('org.noMembers') }}
        renderItem={(m) => (
          <List.Item
            actions={
              canWrite
                ? [
                    <Popconfirm key="rm" title={t('common.confirmDelete', { name: m.personName })} onConfirm={() => void remove(m.personId)}>
                      <Button type="link" danger size="small">{t('org.removeMember')}</Button>
                    </Popconfirm>,
                  ]
                : undefined
            }
          >
            <Space wrap>
              <span>{m.personName}</span>
              <Tag color={m.role === 'leader' ? 'red' : 'default'}>{label('postRole', m.role)}</Tag>
              <Tag>{label('political', m.politicalStatus)}</Tag>
            </Space>
          </List.Item>
        )}
      />
    </Drawer>
  );
}

import { useCallback, useState } from 'react';
import { Button, Descriptions, Drawer, List, Popconfirm, Select, Space, Tag } from 'antd';
import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { TEAM_ROLES, type TeamRole } from '@shared/modules/mobilization/mobilization.schema.ts';
import { mobilizationApi, type TeamDetail } from '../../api/mobilization.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useLabels, useT, type MessageKey } from '../../i18n/index.tsx';
import { ReachPersonSelect } from './ReachPersonSelect.tsx';
import { useMemberEdits } from './shared.tsx';
import { useLoad } from '../../components/useLoad.ts';

const ROLE_COLORS: Record<TeamRole, string> = { leader: 'red', deputy: 'volcano', member: 'default' };

/** One team: leader, deputy and members; members are added by searching the people register. */
export function TeamDrawer({ teamId, canWrite, onClose, onEdit, onChanged }: {
  teamId: string; canWrite: boolean; onClose: () => void; onEdit: (t: TeamDetail) => void; onChanged: () => void;
}) {
  const t = useT();
  const phone = useIsPhone();
  const { label } = useLabels();
  const load = useCallback(() => mobilizationApi.team(teamId), [teamId]);
  const { data: team, error, loading, reload } = useLoad(load);
  const [personId, setPersonId] = useState<string | null>(null);
  const [role, setRole] = useState<TeamRole>('member');
  const edits = useMemberEdits(reload, onChanged);

  const add = () => personId && edits.add(() => mobilizationApi.addTeamMember(teamId, personId, role), () => setPersonId(null));
  const remove = (id: string) => edits.remove(() => mobilizationApi.removeTeamMember(teamId, id));

  return (
    <Drawer open onClose={onClose} size={phone ? '100%' : 520} title={team?.name ?? ''} loading={loading && !team} data-testid="team-drawer"
      extra={canWrite && team ? <Button icon={<EditOutlined />} onClick={() => onEdit(team)}>{phone ? null : t('common.edit')}</Button> : null}>
      <ApiErrorAlert error={error} />
      {team && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('mobilization.team.kind')}>{t(`mobilization.teamKind.${team.kind}` as MessageKey)}</Descriptions.Item>
            <Descriptions.Item label={t('mobilization.team.node')}>{team.nodeName}</Descriptions.Item>
            {team.unitName && <Descriptions.Item label={t('mobilization.team.unit')}>{team.unitName}</Descriptions.Item>}
            {team.duty && <Descriptions.Item label={t('mobilization.team.duty')}>{team.duty}</Descriptions.Item>}
          </Descriptions>
          {canWrite && (
            <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <ReachPersonSelect value={personId} onChange={setPersonId} placeholder={t('mobilization.person')} testId="team-member-person" />
              </div>
              <Select value={role} onChange={setRole} style={{ width: 110 }}
                options={TEAM_ROLES.map((r) => ({ value: r, label: t(`mobilization.role.${r}` as MessageKey) }))} />
              <Button type="primary" icon={<UserAddOutlined />} disabled={!personId} loading={edits.busy} onClick={() => void add()} data-testid="team-member-add">
                {phone ? null : t('mobilization.team.addMember')}
              </Button>
            </Space.Compact>
          )}
          <List
            dataSource={team.members}
            data-testid="team-members"
            renderItem={(m) => (
              <List.Item
                actions={canWrite ? [
                  <Popconfirm key="rm" title={t('common.confirmDelete', { name: m.personName })} onConfirm={() => void remove(m.personId)}>
                    <Button type="link" danger size="small">{t('common.delete')}</Button>
                  </Popconfirm>,
                ] : undefined}
              >
                <Space wrap size={4}>
                  <span>{m.personName}</span>
                  <Tag color={ROLE_COLORS[m.role]}>{t(`mobilization.role.${m.role}` as MessageKey)}</Tag>
                  <Tag>{label('political', m.politicalStatus)}</Tag>
                  {m.unitName && <span style={{ color: '#999', fontSize: 12 }}>{m.unitName}</span>}
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}

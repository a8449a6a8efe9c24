import { useCallback, useState } from 'react';
import { App, Button, Card, Col, Empty, Popconfirm, Row, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { mobilizationApi, type TeamView } from '../../api/mobilization.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useList } from '../../components/useList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { TeamDrawer } from './TeamDrawer.tsx';
import { TeamFormModal } from './TeamFormModal.tsx';
import { translated } from './shared.tsx';

/** 党员突击队 / 青年突击队 as cards: place, leader, deputy, size; a card opens the members. */
export function TeamsTab({ canWrite, onChanged }: { canWrite: boolean; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const load = useCallback(() => mobilizationApi.teams(), []);
  const list = useList(load);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<TeamView | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const changed = () => {
    void list.reload();
    onChanged();
  };

  const remove = async (team: TeamView) => {
    try {
      await mobilizationApi.removeTeam(team.id);
      changed();
      void message.success(t('common.deleted'));
    } catch (e) {
      reportError(translated(e));
    }
  };

  return (
    <div data-testid="tab-teams">
      {canWrite && (
        <div className="filter-bar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="team-add">
            {t('mobilization.team.add')}
          </Button>
        </div>
      )}
      <ApiErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 && <div className="app-loading"><Spin /></div>}
      {!list.loading && list.items.length === 0 && <Empty description={t('mobilization.team.empty')} />}
      <Row gutter={[12, 12]}>
        {list.items.map((team) => (
          <Col key={team.id} xs={24} sm={12} xl={8}>
            <Card
              size="small"
              hoverable
              className={`mob-team mob-team-${team.kind}`}
              onClick={() => setOpenId(team.id)}
              data-testid="team-card"
              title={<Space size={6}><TeamOutlined />{team.name}</Space>}
              extra={canWrite && (
                <Popconfirm title={t('common.confirmDelete', { name: team.name })} onConfirm={() => void remove(team)} onPopupClick={(e) => e.stopPropagation()}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={(e) => e.stopPropagation()} />
                </Popconfirm>
              )}
            >
              <Space wrap size={4} style={{ marginBottom: 6 }}>
                <Tag color={team.kind === 'assault_team' ? 'red' : 'blue'}>{t(`mobilization.teamKind.${team.kind}` as MessageKey)}</Tag>
                <Tag>{team.nodeName}</Tag>
                {team.unitName && <Tag>{team.unitName}</Tag>}
                <Tag color="gold">{t('mobilization.team.memberCount', { n: team.memberCount })}</Tag>
              </Space>
              <Typography.Paragraph style={{ marginBottom: 0, fontSize: 13 }}>
                <span style={{ marginInlineEnd: 16 }}>{t('mobilization.team.leader')}：{team.leader?.name ?? '—'}</span>
                <span>{t('mobilization.team.deputy')}：{team.deputy?.name ?? '—'}</span>
              </Typography.Paragraph>
              {team.duty && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{team.duty}</Typography.Text>}
            </Card>
          </Col>
        ))}
      </Row>
      {openId && (
        <TeamDrawer teamId={openId} canWrite={canWrite} onClose={() => setOpenId(null)} onChanged={changed}
          onEdit={(team) => { setEditing(team); setFormOpen(true); }} />
      )}
      <TeamFormModal
        open={formOpen}
        team={editing}
        onClose={() => setFormOpen(false)}
        onSaved={() => {
          setFormOpen(false);
          if (editing) setOpenId(null);
          changed();
          void message.success(t('common.saved'));
        }}
      />
    </div>
  );
}

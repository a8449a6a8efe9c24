import { useCallback, useState } from 'react';
import { Card, Col, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { EnvironmentOutlined, StarFilled } from '@ant-design/icons';
import { mobilizationApi, type RosterPlace } from '../../api/mobilization.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useLabels, useT, type MessageKey } from '../../i18n/index.tsx';
import { useLoad } from '../../components/useLoad.ts';

const KIND_COLORS: Record<string, string> = { post: 'red', team: 'volcano', area: 'gold', report_in: 'blue' };

/** 亮身份: party members on the front line, place by place, each with the post, team or report-in that puts them there. */
export function RosterTab() {
  const t = useT();
  const { label } = useLabels();
  const [nodeId, setNodeId] = useState<string | null>(null);
  const load = useCallback(() => mobilizationApi.roster(nodeId ?? undefined), [nodeId]);
  const { data, error, loading } = useLoad(load);
  const places: RosterPlace[] = data ?? [];
  const people = places.reduce((n, p) => n + p.members.length, 0);
  const roleText = (kind: string, role: string | null) => {
    if (!role) return '';
    if (kind === 'report_in') return ` → ${role}`;
    if (kind === 'post') return `（${label('postRole', role)}）`;
    if (kind === 'area') return `（${t('mobilization.roster.areaLeader')}）`;
    return `（${t(`mobilization.role.${role}` as MessageKey)}）`;
  };

  return (
    <div data-testid="tab-roster">
      <div className="filter-bar">
        <div style={{ minWidth: 240 }}>
          <NodePicker value={nodeId} onChange={setNodeId} placeholder={t('mobilization.roster.scope')} />
        </div>
        {data && <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('mobilization.roster.total', { places: places.length, people })}</Typography.Text>}
      </div>
      <ApiErrorAlert error={error} />
      {loading && !data && <div className="app-loading"><Spin /></div>}
      {data && places.length === 0 && <Empty description={t('mobilization.roster.empty')} />}
      <Row gutter={[12, 12]}>
        {places.map((place) => (
          <Col key={place.nodeId} xs={24} md={12} xl={8}>
            <Card size="small" className="mob-roster" title={<Space><EnvironmentOutlined />{place.parentName ? `${place.parentName} · ${place.nodeName}` : place.nodeName}<Tag>{place.members.length}</Tag></Space>} data-testid="roster-place">
              {place.members.map((m) => (
                <div key={m.personId} className="mob-roster-person" data-testid="roster-person">
                  <div className="mob-roster-name">
                    <StarFilled className="mob-roster-star" />
                    <span>{m.name}</span>
                    <Tag color="red" bordered={false} className="mob-roster-badge">{t('mobilization.roster.memberBadge')}</Tag>
                    {m.pledges > 0 && <Tag color="gold" bordered={false}>{t('mobilization.roster.pledges', { n: m.pledges })}</Tag>}
                  </div>
                  <Space wrap size={[4, 4]}>
                    {m.roles.map((r) => (
                      <Tag key={`${r.kind}:${r.id}`} color={KIND_COLORS[r.kind]}>
                        {t(`mobilization.roster.kind.${r.kind}` as MessageKey)}：{r.name}{roleText(r.kind, r.role)}
                      </Tag>
                    ))}
                  </Space>
                  {m.unitName && <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{m.unitName}</Typography.Text>}
                </div>
              ))}
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}

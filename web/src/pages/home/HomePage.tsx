import { Card, Col, Descriptions, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { useCan, useMe } from '../../auth/AuthContext.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { levelColor, useLevels } from '../../components/useLevels.ts';
import { useLabels, useT } from '../../i18n/index.tsx';
import { NAV_ITEMS } from '../../layout/nav.tsx';
import { useHomeCounts } from './useHomeCounts.ts';

export default function HomePage() {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const { label } = useLabels();
  const { levelName, rankOf } = useLevels();
  const counts = useHomeCounts(can);
  const phone = useIsPhone();
  const shortcuts = NAV_ITEMS.filter((i) => i.key !== 'home' && (!i.permission || can(i.permission)));

  const stats: Array<{ key: string; title: string; value: number | null; suffix?: string; to?: string }> = [];
  if (can('tree.read')) {
    stats.push({ key: 'top', title: t('home.topNodes'), value: counts.top?.length ?? null, to: '/jurisdiction' });
    stats.push({ key: 'sub', title: t('home.subNodes'), value: counts.top ? counts.top.reduce((s, n) => s + n.childCount, 0) : null, to: '/jurisdiction' });
  }
  if (can('org.read')) {
    stats.push({ key: 'units', title: t('home.units'), value: counts.units, to: '/org?tab=units' });
    stats.push({ key: 'partyOrgs', title: t('home.partyOrgs'), value: counts.partyOrgs, to: '/org?tab=party-orgs' });
    stats.push({ key: 'areas', title: t('home.areas'), value: counts.areas, to: '/org?tab=areas' });
    stats.push({ key: 'posts', title: t('home.posts'), value: counts.posts, to: '/org?tab=posts' });
  }
  if (can('people.read')) {
    stats.push({ key: 'people', title: t('home.people'), value: counts.people?.n ?? null, suffix: counts.people?.more ? '+' : undefined, to: '/people' });
  }

  return (
    <div data-testid="page-home">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.greeting', { name: me.displayName })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('home.whoami')} data-testid="home-whoami">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'user', label: t('accounts.username'), children: me.username },
                { key: 'role', label: t('home.role'), children: <Tag color="red">{label('role', me.role)}</Tag> },
                ...(me.nodeName ? [{ key: 'node', label: t('home.jurisdiction'), children: me.nodeName }] : []),
                ...(me.unitName ? [{ key: 'unit', label: t('home.unit'), children: me.unitName }] : []),
                {
                  key: 'last',
                  label: t('home.lastLogin'),
                  children: me.lastLoginAt ? dayjs(me.lastLoginAt).format('YYYY-MM-DD HH:mm') : t('home.never'),
                },
                ...(phone ? [] : [{
                  key: 'perm',
                  label: t('home.permissions'),
                  children: (
                    <Space size={[4, 4]} wrap>
                      {me.permissions.length === 0 ? t('common.none') : me.permissions.map((p) => <Tag key={p}>{label('permission', p)}</Tag>)}
                    </Space>
                  ),
                }]),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {stats.length > 0 && (
            <Card size="small" title={t('home.counts')} style={{ marginBottom: 16 }}>
              <Row gutter={[12, 12]}>
                {stats.map((s) => (
                  <Col key={s.key} xs={8} md={6} lg={8} xl={6}>
                    <div className="home-stat" onClick={() => s.to && navigate(s.to)} data-testid={`stat-${s.key}`}>
                      <Statistic title={s.title} value={s.value ?? '—'} suffix={s.suffix} />
                    </div>
                  </Col>
                ))}
              </Row>
            </Card>
          )}
          {can('tree.read') && (
            <Card size="small" title={t('home.myJurisdiction')} extra={<Link to="/jurisdiction">{t('nav.jurisdiction')}</Link>}>
              {counts.top && counts.top.length === 0 ? (
                <Empty description={t('home.noJurisdiction')} />
              ) : (
                <List
                  size="small"
                  loading={!counts.top}
                  dataSource={counts.top ?? []}
                  renderItem={(n) => (
                    <List.Item>
                      <Space>
                        <EnvironmentOutlined />
                        <span>{n.name}</span>
                        <Tag color={levelColor(rankOf(n.levelCode))}>{levelName(n.levelCode)}</Tag>
                      </Space>
                      <Typography.Text type="secondary">
                        {t('tree.children')}: {n.childCount}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          )}
          {me.permissions.length === 0 && <Empty description={t('home.residentHint')} />}
        </Col>
        {shortcuts.length > 0 && (
          <Col xs={24}>
            <Card size="small" title={t('home.quick')}>
              <Row gutter={[12, 12]}>
                {shortcuts.map((i) => (
                  <Col key={i.key} xs={12} sm={8} md={6} xl={4}>
                    <Link to={i.path} className="home-shortcut" data-testid={`shortcut-${i.key}`}>
                      <span className="home-shortcut-icon">{i.icon}</span>
                      <span>{t(i.label)}</span>
                      <RightOutlined style={{ marginInlineStart: 'auto', fontSize: 11, color: '#bbb' }} />
                    </Link>
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}

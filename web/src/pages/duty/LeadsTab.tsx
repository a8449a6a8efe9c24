import { useCallback } from 'react';
import { Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { dutyApi } from '../../api/duty.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useList } from '../../components/useList.ts';
import { useT } from '../../i18n/index.tsx';
import type { DutyTabProps } from './dutyTypes.ts';
import { dayTime } from './time.ts';

/** 带班与接替: each post's lead chain (lead, deputy, next in line) and the record of who stood in for whom. */
export function LeadsTab({ nodeId }: DutyTabProps) {
  const t = useT();
  const posts = useList(useCallback(() => dutyApi.posts(nodeId), [nodeId]));
  const successions = useList(useCallback(() => dutyApi.successions(nodeId), [nodeId]));
  const rank = (i: number) => (i === 0 ? t('duty.rank.lead') : i === 1 ? t('duty.rank.deputy') : t('duty.rank.next', { n: i - 1 }));
  return (
    <Row gutter={[16, 16]} data-testid="duty-leads">
      <Col xs={24} lg={12}>
        <Card size="small" title={t('duty.leadChains')}>
          <ApiErrorAlert error={posts.error} />
          <List
            loading={posts.loading}
            dataSource={posts.items.filter((p) => p.leads.length > 0)}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.noChains')} /> }}
            renderItem={(p) => (
              <List.Item style={{ display: 'block', paddingInline: 4 }}>
                <Space size={4} wrap>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  {p.currentLead
                    ? <Tag color={p.currentLead.acting ? 'orange' : 'green'}>{p.currentLead.acting ? t('duty.actingLead', { name: p.currentLead.personName }) : t('duty.leadNow', { name: p.currentLead.personName })}</Tag>
                    : <Tag color="red">{t('duty.noLeadNow')}</Tag>}
                </Space>
                <div style={{ marginTop: 4 }}>
                  {p.leads.map((l, i) => (
                    <Tag key={l.personId} color={l.unavailable ? 'default' : undefined} style={l.unavailable ? { textDecoration: 'line-through' } : undefined}>
                      {rank(i)}：{l.personName}{l.unavailable ? `（${t('duty.away')}）` : ''}
                    </Tag>
                  ))}
                </div>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('duty.successions')}>
          <ApiErrorAlert error={successions.error} />
          <List
            loading={successions.loading}
            dataSource={successions.items}
            data-testid="succession-list"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.noSuccessions')} /> }}
            renderItem={(s) => (
              <List.Item style={{ paddingInline: 4 }}>
                <List.Item.Meta
                  title={<Space size={4} wrap><span>{s.postName}</span><Tag color="volcano">{t(`duty.reason.${s.reason}` as 'duty.reason.other')}</Tag></Space>}
                  description={
                    <span>
                      {s.toPersonName ? t('duty.replaced', { to: s.toPersonName, from: s.fromPersonName }) : t('duty.replacedNobody', { from: s.fromPersonName })}
                      {' · '}{dayTime(s.fromAt)} – {dayTime(s.untilAt)}
                    </span>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}

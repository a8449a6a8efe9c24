import { useCallback, useEffect, useState } from 'react';
import { Button, Empty, List, Space, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { AlertView } from '@shared/modules/duty/attendance.schema.ts';
import { dutyApi, type AlertsView } from '../../api/duty.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import type { DutyTabProps } from './dutyTypes.ts';
import { dayTime, span } from './time.ts';

const COLORS: Record<AlertView['kind'], string> = { late: 'orange', uncovered: 'red', missed: 'volcano', no_lead: 'purple' };

/** The community's alert screen: late and missed check-ins, open slots, posts without a lead — for now, every minute. */
export function AlertsTab({ nodeId, onCount }: DutyTabProps & { onCount?: (n: number) => void }) {
  const t = useT();
  const [view, setView] = useState<AlertsView | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      const v = await dutyApi.alerts(nodeId);
      setView(v);
      setError(null);
      onCount?.(v.alerts.length);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [nodeId, onCount]);
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), 60_000);
    return () => window.clearInterval(timer);
  }, [load]);

  const text = (a: AlertView) => {
    switch (a.kind) {
      case 'late': return t('duty.alert.lateText', { name: a.personName ?? '', n: a.count });
      case 'missed': return t('duty.alert.missedText', { name: a.personName ?? '' });
      case 'uncovered': return t('duty.alert.uncoveredText', { n: a.count });
      default: return t('duty.alert.noLeadText', { name: a.personName ?? '' });
    }
  };

  return (
    <div data-testid="duty-alerts">
      <div className="filter-bar">
        <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>{t('common.refresh')}</Button>
        {view && <Typography.Text type="secondary">{t('duty.alertsAsOf', { time: dayTime(view.now) })}</Typography.Text>}
      </div>
      <ApiErrorAlert error={error} />
      <List
        dataSource={view?.alerts ?? []}
        loading={loading && !view}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.noAlerts')} /> }}
        data-testid="duty-alert-list"
        renderItem={(a) => (
          <List.Item data-testid={`alert-${a.kind}`} style={{ paddingInline: 4 }}>
            <List.Item.Meta
              avatar={<Tag color={COLORS[a.kind]} style={{ minWidth: 56, textAlign: 'center' }}>{t(`duty.alert.${a.kind}` as 'duty.alert.late')}</Tag>}
              title={<Space size={4} wrap><span>{a.postName}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.nodeName}</Typography.Text></Space>}
              description={
                <span>
                  {a.shiftName && `${a.day?.slice(5)} ${a.shiftName} ${span(a.startsAt, a.endsAt, t('duty.nextDayShort'))} · `}
                  {text(a)}
                </span>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}

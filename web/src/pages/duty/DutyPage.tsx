import { useEffect, useState } from 'react';
import { Badge, Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { dutyApi } from '../../api/duty.ts';
import { useCan, useMe } from '../../auth/AuthContext.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT } from '../../i18n/index.tsx';
import { AlertsTab } from './AlertsTab.tsx';
import { HoursTab } from './HoursTab.tsx';
import { LeadsTab } from './LeadsTab.tsx';
import { NotesTab } from './NotesTab.tsx';
import { PostsTab } from './PostsTab.tsx';
import { RosterTab } from './RosterTab.tsx';
import { SwapsTab } from './SwapsTab.tsx';
import { UnavailabilityTab } from './UnavailabilityTab.tsx';
import './duty.css';

const TABS = ['roster', 'posts', 'alerts', 'swaps', 'unavailability', 'leads', 'notes', 'hours'] as const;
type TabKey = (typeof TABS)[number];

/** 值班排班: posts and their requirement, the week roster, alerts, swaps, who is away, leads, notes and hours. */
export default function DutyPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'roster';
  const [nodeId, setNodeId] = useState<string | null>(me.nodeId ?? null);
  const [alertCount, setAlertCount] = useState(0);
  const canWrite = can('duty.write');

  // The badge on the alerts tab follows "now": refreshed every minute.
  useEffect(() => {
    let alive = true;
    const load = () => dutyApi.alerts(nodeId).then((a) => alive && setAlertCount(a.alerts.length)).catch(() => undefined);
    void load();
    const timer = window.setInterval(load, 60_000);
    return () => {
      alive = false;
      window.clearInterval(timer);
    };
  }, [nodeId, tab]);

  const props = { nodeId, canWrite, compact: phone };
  return (
    <div data-testid="page-duty">
      <PageTitle
        title={t('duty.title')}
        actions={
          <div style={{ width: phone ? '100%' : 260 }}>
            <NodePicker value={nodeId} onChange={setNodeId} initialLabel={me.nodeName} placeholder={t('duty.allNodes')} testId="duty-node" />
          </div>
        }
      />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'roster', label: t('duty.tab.roster'), children: <RosterTab {...props} /> },
            { key: 'posts', label: t('duty.tab.posts'), children: <PostsTab {...props} /> },
            {
              key: 'alerts',
              label: (
                <Badge count={alertCount} size="small" offset={[8, -2]} data-testid="duty-alert-count">
                  {t('duty.tab.alerts')}
                </Badge>
              ),
              children: <AlertsTab {...props} onCount={setAlertCount} />,
            },
            { key: 'swaps', label: t('duty.tab.swaps'), children: <SwapsTab {...props} /> },
            { key: 'unavailability', label: t('duty.tab.unavailability'), children: <UnavailabilityTab {...props} /> },
            { key: 'leads', label: t('duty.tab.leads'), children: <LeadsTab {...props} /> },
            { key: 'notes', label: t('duty.tab.notes'), children: <NotesTab {...props} /> },
            { key: 'hours', label: t('duty.tab.hours'), children: <HoursTab {...props} /> },
          ]}
        />
      </Card>
    </div>
  );
}

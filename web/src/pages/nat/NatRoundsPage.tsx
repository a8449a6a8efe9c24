import { useCallback, useState } from 'react';
import { Button, Card, Empty, List, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useLoad } from '../../components/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { planApi, type RoundView } from './plan/api.ts';
import { CodesTab } from './plan/CodesTab.tsx';
import { DoorTasksTab } from './plan/DoorTasksTab.tsx';
import { OverviewTab } from './plan/OverviewTab.tsx';
import { RoundFormModal } from './plan/RoundFormModal.tsx';
import { SitesTab } from './plan/SitesTab.tsx';
import { SlotsTab } from './plan/SlotsTab.tsx';
import './plan/plan.css';

const TABS = ['overview', 'sites', 'slots', 'door', 'codes'] as const;
type TabKey = (typeof TABS)[number];
const STATUS_COLORS: Record<string, string> = { planned: 'default', open: 'green', closed: 'blue' };

/** 核酸检测: the rounds, and for the chosen round its overview, sites & desks & staff, batch slots and codes. */
export default function NatRoundsPage() {
  const t = useT();
  const can = useCan();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const rounds = useLoad(useCallback(() => planApi.rounds(), []), version);
  const roundId = params.get('round') ?? rounds.data?.[0]?.id ?? null;
  const round = rounds.data?.find((r) => r.id === roundId) ?? null;
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'overview';
  const canManage = can('nat.manage');
  const select = (id: string) => setParams({ round: id, tab }, { replace: true });
  const changed = () => setVersion((v) => v + 1);

  return (
    <div data-testid="page-nat">
      <PageTitle
        title={t('natPlan.title')}
        actions={canManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="nat-round-new">{t('natPlan.round.new')}</Button> : null}
      />
      <ApiErrorAlert error={rounds.error} />
      <div style={{ display: 'flex', gap: 16, flexDirection: phone ? 'column' : 'row', alignItems: 'flex-start' }}>
        <Card size="small" title={t('natPlan.rounds')} style={{ width: phone ? '100%' : 280, flexShrink: 0 }}>
          <List
            loading={rounds.loading}
            dataSource={rounds.data ?? []}
            locale={{ emptyText: <Empty description={t('natPlan.round.none')} /> }}
            renderItem={(r: RoundView) => (
              <List.Item
                onClick={() => select(r.id)}
                style={{ cursor: 'pointer', background: r.id === roundId ? '#e6f4ff' : undefined, padding: '8px 10px', borderRadius: 6 }}
                data-testid={`nat-round-${r.id}`}
              >
                <List.Item.Meta
                  title={<span>{r.name} <Tag color={STATUS_COLORS[r.status]}>{t(`natPlan.status.${r.status}`)}</Tag></span>}
                  description={`${r.nodeName} · ${r.startsOn}${r.endsOn !== r.startsOn ? ` ~ ${r.endsOn}` : ''}`}
                />
              </List.Item>
            )}
          />
        </Card>
        <Card size="small" style={{ flex: 1, minWidth: 0, width: phone ? '100%' : undefined }}>
          {round ? (
            <Tabs
              activeKey={tab}
              onChange={(key) => setParams({ round: round.id, tab: key }, { replace: true })}
              destroyOnHidden
              items={[
                { key: 'overview', label: t('natPlan.tab.overview'), children: <OverviewTab round={round} canManage={canManage} onChanged={changed} /> },
                { key: 'sites', label: t('natPlan.tab.sites'), children: <SitesTab round={round} canManage={canManage} /> },
                { key: 'slots', label: t('natPlan.tab.slots'), children: <SlotsTab round={round} canManage={canManage} /> },
                { key: 'door', label: t('natDesk.door.title'), children: <DoorTasksTab round={round} canManage={canManage} /> },
                { key: 'codes', label: t('natPlan.tab.codes'), children: <CodesTab round={round} canManage={canManage} /> },
              ]}
            />
          ) : (
            <Empty description={t('natPlan.round.pick')} />
          )}
        </Card>
      </div>
      <RoundFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(r) => { setCreating(false); changed(); select(r.id); }}
      />
    </div>
  );
}

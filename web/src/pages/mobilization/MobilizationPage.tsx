import { useState, type ReactNode } from 'react';
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useCan, useMe } from '../../auth/AuthContext.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT } from '../../i18n/index.tsx';
import { ArrivalsTab } from './ArrivalsTab.tsx';
import { BatchesTab } from './BatchesTab.tsx';
import { CountsCards } from './CountsCards.tsx';
import { PairingsTab } from './PairingsTab.tsx';
import { PledgesTab } from './PledgesTab.tsx';
import { RosterTab } from './RosterTab.tsx';
import { TeamsTab } from './TeamsTab.tsx';
import { VolunteersTab } from './VolunteersTab.tsx';
import './mobilization.css';

const TABS = ['batches', 'arrivals', 'pairings', 'teams', 'pledges', 'roster', 'volunteers'] as const;
type TabKey = (typeof TABS)[number];

/** 下沉报到: dispatch batches, report-in, pairing, assault teams, pledges, the show-identity roster and volunteer sign-ups. */
export default function MobilizationPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  // Sign-ups go to communities; a unit's account has none to review.
  const tabs = me.role === 'unit_liaison' ? TABS.filter((k) => k !== 'volunteers') : TABS;
  const tab: TabKey = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'batches';
  const canWrite = can('mobilization.write');
  // Any change bumps the version so the counts above the tabs are read again.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);

  const panes: Record<TabKey, { label: string; children: ReactNode }> = {
    batches: { label: t('mobilization.tab.batches'), children: <BatchesTab canWrite={canWrite} compact={phone} onChanged={changed} version={version} /> },
    arrivals: { label: t('mobilization.tab.arrivals'), children: <ArrivalsTab canWrite={canWrite} compact={phone} onChanged={changed} /> },
    pairings: { label: t('mobilization.tab.pairings'), children: <PairingsTab canWrite={canWrite} compact={phone} /> },
    teams: { label: t('mobilization.tab.teams'), children: <TeamsTab canWrite={canWrite} onChanged={changed} /> },
    pledges: { label: t('mobilization.tab.pledges'), children: <PledgesTab canWrite={canWrite} onChanged={changed} /> },
    roster: { label: t('mobilization.tab.roster'), children: <RosterTab /> },
    volunteers: { label: t('mobilization.tab.volunteers'), children: <VolunteersTab canWrite={canWrite} compact={phone} onChanged={changed} /> },
  };

  return (
    <div data-testid="page-mobilization">
      <PageTitle title={t('mobilization.title')} />
      <CountsCards version={version} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={tabs.map((key) => ({ key, label: <span data-testid={`tab-${key}-label`}>{panes[key].label}</span>, children: panes[key].children }))}
        />
      </Card>
    </div>
  );
}

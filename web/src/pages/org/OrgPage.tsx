import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../auth/AuthContext.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT } from '../../i18n/index.tsx';
import { AreasTab } from './AreasTab.tsx';
import { ChainTab } from './ChainTab.tsx';
import { PartyOrgsTab } from './PartyOrgsTab.tsx';
import { PostsTab } from './PostsTab.tsx';
import { UnitsTab } from './UnitsTab.tsx';

const TABS = ['units', 'party-orgs', 'areas', 'posts', 'chain'] as const;
type TabKey = (typeof TABS)[number];

export default function OrgPage() {
  const t = useT();
  const can = useCan();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'units';
  const canWrite = can('org.write');

  return (
    <div data-testid="page-org">
      <PageTitle title={t('nav.org')} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'units', label: t('org.units'), children: <UnitsTab canWrite={canWrite} compact={phone} /> },
            { key: 'party-orgs', label: t('org.partyOrgs'), children: <PartyOrgsTab canWrite={canWrite} compact={phone} /> },
            { key: 'areas', label: t('org.areas'), children: <AreasTab canWrite={canWrite} compact={phone} /> },
            { key: 'posts', label: t('org.posts'), children: <PostsTab canWrite={canWrite} compact={phone} /> },
            { key: 'chain', label: t('org.chain'), children: <ChainTab /> },
          ]}
        />
      </Card>
    </div>
  );
}

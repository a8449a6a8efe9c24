import { useCallback, useEffect, useState } from 'react';
import { Badge, Empty, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useCan, useMe } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../i18n/index.tsx';
import { ChaseTab } from './ChaseTab.tsx';
import { FillTab } from './FillTab.tsx';
import { FormsTab } from './FormsTab.tsx';
import { InboxTab } from './InboxTab.tsx';
import { RollupTab } from './RollupTab.tsx';
import { SubmissionDrawer } from './SubmissionDrawer.tsx';
import { todayInShanghai, useReportForms } from './reportsShared.tsx';
import './reports.css';

const TABS = ['fill', 'chase', 'rollup', 'forms', 'inbox'] as const;
type Tab = (typeof TABS)[number];

/** 日报与零报告: today's forms for a reporter; chase list, roll-up and form design for managers; notifications. */
export default function ReportsPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const { forms, error, reload } = useReportForms(can('reports.read'));
  const [formId, setFormId] = useState<string | undefined>();
  const [day, setDay] = useState(todayInShanghai());
  const [openId, setOpenId] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [unread, setUnread] = useState(0);
  const onUnread = useCallback((n: number) => setUnread(n), []);

  useEffect(() => {
    if (forms && forms.length > 0 && !forms.some((f) => f.id === formId)) setFormId(forms[0].id);
  }, [forms, formId]);

  const reporter = can('reports.submit') && (!!me.nodeId || !!me.unitId);
  const available: Tab[] = TABS.filter((k) =>
    k === 'fill' ? reporter : k === 'forms' ? can('reports.manage') : k === 'inbox' ? true : can('reports.read'));
  const wanted = params.get('tab') as Tab | null;
  const active: Tab = wanted && available.includes(wanted) ? wanted : available[0];
  const needsForms = (tab: Tab) => tab === 'chase' || tab === 'rollup';
  const noForms = forms !== null && forms.length === 0;

  const body = (tab: Tab) => {
    if (needsForms(tab) && noForms) return <Empty description={t('reports.noForms')} />;
    switch (tab) {
      case 'fill':
        return <FillTab onOpen={setOpenId} refreshKey={refresh} />;
      case 'chase':
        return <ChaseTab forms={forms ?? []} formId={formId} onForm={setFormId} day={day} onDay={setDay} canNarrow={me.role !== 'unit_liaison'} />;
      case 'rollup':
        return <RollupTab forms={forms ?? []} formId={formId} onForm={setFormId} day={day} onDay={setDay} />;
      case 'forms':
        return <FormsTab forms={forms ?? []} onChanged={() => void reload()} />;
      default:
        return <InboxTab onUnread={onUnread} />;
    }
  };

  return (
    <div data-testid="page-reports">
      <PageTitle title={t('reports.title')} />
      <ApiErrorAlert error={error} />
      <Tabs
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={available.map((key) => ({
          key,
          label: key === 'inbox' ? <Badge count={unread} size="small" offset={[8, -2]}>{t('reports.tab.inbox')}</Badge> : t(`reports.tab.${key}`),
          children: body(key),
        }))}
        data-testid="reports-tabs"
      />
      <SubmissionDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => setRefresh((n) => n + 1)} />
    </div>
  );
}

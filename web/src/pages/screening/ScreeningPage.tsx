import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Empty, Popconfirm, Select, Space, Tabs, Tag } from 'antd';
import { MobileOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useCan } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { CampaignFormModal } from './CampaignFormModal.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { TabulationPanel } from './TabulationPanel.tsx';
import { screeningApi, type CampaignView } from './screeningApi.ts';
import './screening.css';

const loadCampaigns = () => screeningApi.campaigns('all');

/** 入户排查: campaigns, live progress per building with assignment, and the night tabulation with its Excel. */
export default function ScreeningPage() {
  const t = useT();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const { data: campaigns, error } = useLoad(loadCampaigns, version);
  const selectedId = params.get('campaign') ?? campaigns?.find((c) => c.status === 'open')?.id ?? campaigns?.[0]?.id ?? null;
  const campaign = campaigns?.find((c) => c.id === selectedId) ?? null;
  const select = (id: string) => setParams({ campaign: id }, { replace: true });
  useEffect(() => setActionError(null), [selectedId]);

  const close = async (c: CampaignView) => {
    try {
      await screeningApi.close(c.id);
      setVersion((v) => v + 1);
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <div data-testid="screening-page">
      <PageTitle title={t('screening.nav')} actions={
        <Space wrap>
          {can('screening.work') && <Link to="/screening/task/mine"><Button icon={<MobileOutlined />} data-testid="my-tasks-link">{t('screening.myTasks')}</Button></Link>}
          {can('screening.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new">{t('screening.campaign.new')}</Button>}
        </Space>
      } />
      <ApiErrorAlert error={error ?? actionError} />
      {campaigns && campaigns.length === 0 && <Empty description={t('screening.noCampaigns')} />}
      {campaigns && campaigns.length > 0 && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select value={selectedId ?? undefined} onChange={select} style={{ width: '100%', maxWidth: 520 }} data-testid="campaign-select"
              options={campaigns.map((c) => ({ value: c.id, label: `${c.name} · ${c.nodeName} · ${c.startDate}${c.status === 'closed' ? ` （${t('screening.campaign.closed')}）` : ''}` }))} />
            {campaign && (
              <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} items={[
                { key: 'area', label: t('screening.campaign.area'), children: campaign.nodeName },
                { key: 'dates', label: t('screening.campaign.dates'), children: `${campaign.startDate} – ${campaign.endDate}` },
                { key: 'tasks', label: t('screening.campaign.tasks'), children: `${campaign.tasks} / ${campaign.householdsTotal} ${t('screening.households')}` },
                { key: 'status', label: t('screening.campaign.status'), children: (
                  <Space>
                    <Tag color={campaign.status === 'open' ? 'green' : 'default'}>{campaign.status === 'open' ? t('screening.campaign.open') : t('screening.campaign.closed')}</Tag>
                    {can('screening.manage') && campaign.status === 'open' && (
                      <Popconfirm title={t('screening.campaign.closeConfirm')} onConfirm={() => void close(campaign)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                        <Button size="small" icon={<StopOutlined />}>{t('screening.campaign.close')}</Button>
                      </Popconfirm>
                    )}
                  </Space>
                ) },
              ]} />
            )}
          </Space>
        </Card>
      )}
      {campaign && (
        <Tabs destroyOnHidden items={[
          { key: 'progress', label: t('screening.tab.progress'), children: <ProgressPanel campaignId={campaign.id} canManage={can('screening.manage')} /> },
          { key: 'tabulation', label: t('screening.tab.tabulation'), children: <TabulationPanel campaignId={campaign.id} /> },
        ]} />
      )}
      <CampaignFormModal open={creating} onClose={() => setCreating(false)} onSaved={(c) => { setCreating(false); setVersion((v) => v + 1); select(c.id); }} />
    </div>
  );
}

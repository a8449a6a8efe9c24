import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Empty, List, Popconfirm, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { BellOutlined, DownloadOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { ENTRY_FILTERS } from '@shared/modules/declarations/declarations.schema.ts';
import { declarationsApi, type CampaignView, type EntryFilter, type EntryView } from '../../api/declarations.ts';
import { download } from '../../api/transfer.ts';
import { useCan, useMe } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT } from '../../i18n/index.tsx';
import { CampaignForm, EntryForm, HistoryDialog, LinksDialog } from './CampaignDialogs.tsx';
import { DeclarationSummary, FlagTags } from './DeclarationFields.tsx';

/** 人员动向申报: a unit's liaison runs campaigns over its staff; higher levels see the counts per unit. */
export default function DeclarationsPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const manage = can('declarations.manage');
  const [campaigns, setCampaigns] = useState<CampaignView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState<EntryFilter>('all');
  const [entries, setEntries] = useState<EntryView[]>([]);
  const [formOpen, setFormOpen] = useState(false);
  const [filling, setFilling] = useState<EntryView | null>(null);
  const [history, setHistory] = useState<EntryView | null>(null);
  const [linksOf, setLinksOf] = useState<string | null>(null);

  const loadCampaigns = useCallback(() => {
    declarationsApi.campaigns().then((list) => {
      setCampaigns(list);
      setSelected((s) => s ?? list[0]?.id ?? null);
    }, setError);
  }, []);
  useEffect(loadCampaigns, [loadCampaigns]);
  const loadEntries = useCallback(() => {
    if (selected && manage) declarationsApi.entries(selected, filter).then(setEntries, setError);
  }, [selected, filter, manage]);
  useEffect(loadEntries, [loadEntries]);
  const campaign = campaigns?.find((c) => c.id === selected) ?? null;
  const refresh = () => { loadCampaigns(); loadEntries(); };
  const act = async (p: Promise<unknown>, done?: (r: unknown) => string) => {
    try { const r = await p; void message.success(done ? done(r) : t('common.saved')); refresh(); } catch (e) { void message.error((e as Error).message); }
  };

  if (!manage) {
    return (
      <div data-testid="declarations-page">
        <PageTitle title={t('declarations.countsTitle')} />
        <ApiErrorAlert error={error} />
        <Card size="small">
          <Table<CampaignView> rowKey="id" dataSource={campaigns ?? []} loading={!campaigns && !error} pagination={false} scroll={{ x: true }}
            columns={[
              { title: t('declarations.unit'), dataIndex: 'unitName' },
              { title: t('declarations.campaignTitle'), dataIndex: 'title' },
              { title: t('declarations.startsOn'), render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
              { title: t('declarations.staff'), render: (_, c) => c.counts.staff },
              { title: t('declarations.declared'), render: (_, c) => c.counts.declared },
              { title: t('declarations.notDeclared'), render: (_, c) => <Typography.Text type={c.counts.notDeclared ? 'danger' : undefined}>{c.counts.notDeclared}</Typography.Text> },
              { title: t('declarations.flagged'), render: (_, c) => c.counts.flagged },
            ]} />
        </Card>
      </div>
    );
  }

  return (
    <div data-testid="declarations-page">
      <PageTitle title={t('declarations.title')} actions={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="campaign-add">{t('declarations.newCampaign')}</Button>
      } />
      <ApiErrorAlert error={error} />
      {campaigns && campaigns.length === 0 && <Card><Empty description={t('declarations.noCampaigns')} /></Card>}
      {campaigns && campaigns.length > 1 && (
        <Segmented block={phone} style={{ marginBottom: 12 }} value={selected ?? undefined} onChange={(v) => setSelected(String(v))}
          options={campaigns.map((c) => ({ value: c.id, label: `${c.unitName} · ${c.title}` }))} />
      )}
      {campaign && (
        <Card size="small" data-testid="campaign-card"
          title={<Space wrap><b>{campaign.title}</b><Tag color={campaign.status === 'open' ? 'green' : 'default'}>{t(`declarations.status.${campaign.status}`)}</Tag>
            <Typography.Text type="secondary">{campaign.unitName} · {campaign.startsOn} ~ {campaign.endsOn}</Typography.Text></Space>}>
          <Space size={phone ? 16 : 40} wrap style={{ display: 'flex', marginBottom: 12 }}>
            <Statistic title={t('declarations.staff')} value={campaign.counts.staff} />
            <Statistic title={t('declarations.declared')} value={campaign.counts.declared} valueStyle={{ color: '#389e0d' }} />
            <Statistic title={t('declarations.notDeclared')} value={campaign.counts.notDeclared} valueStyle={{ color: campaign.counts.notDeclared ? '#cf1322' : undefined }} />
            <Statistic title={t('declarations.flagged')} value={campaign.counts.flagged} valueStyle={{ color: campaign.counts.flagged ? '#d46b08' : undefined }} />
          </Space>
          <Space wrap style={{ display: 'flex', marginBottom: 12 }}>
            {campaign.status === 'open' && (
              <Button type="primary" danger icon={<BellOutlined />} disabled={campaign.counts.notDeclared === 0} data-testid="campaign-remind"
                onClick={() => void act(declarationsApi.remind(campaign.id), (r) => {
                  const x = r as { reminded: number; alreadyReminded: number };
                  return t('declarations.reminded', { n: x.reminded, m: x.alreadyReminded });
                })}>{t('declarations.remind')}</Button>
            )}
            <Button icon={<LinkOutlined />} onClick={() => setLinksOf(campaign.id)} data-testid="campaign-links">{t('declarations.links')}</Button>
            {can('data.export') && <Button icon={<DownloadOutlined />} onClick={() => download(declarationsApi.exportUrl(campaign.id))}>{t('declarations.export')}</Button>}
            {campaign.status === 'open' && <Button onClick={() => void act(declarationsApi.sync(campaign.id))}>{t('declarations.sync')}</Button>}
            {campaign.status === 'open' && (
              <Popconfirm title={t('declarations.close')} onConfirm={() => void act(declarationsApi.close(campaign.id))}><Button>{t('declarations.close')}</Button></Popconfirm>
            )}
          </Space>
          <Segmented<EntryFilter> block={phone} value={filter} onChange={setFilter} data-testid="entry-filter"
            options={ENTRY_FILTERS.map((f) => ({ value: f, label: t(`declarations.filter.${f}`) }))} />
          <List dataSource={entries} style={{ marginTop: 8 }} data-testid="entry-list"
            renderItem={(e) => (
              <List.Item key={e.id} data-testid="entry-item" actions={[
                ...(campaign.status === 'open' ? [<Button key="f" size="small" onClick={() => setFilling(e)}>{e.declared ? t('declarations.correct') : t('declarations.fill')}</Button>] : []),
                ...(e.version > 1 ? [<Button key="h" size="small" type="link" onClick={() => setHistory(e)}>{t('declarations.history')}</Button>] : []),
              ]}>
                <List.Item.Meta
                  title={<Space wrap size={4}><b>{e.name}</b>{e.phoneMasked && <Typography.Text type="secondary">{e.phoneMasked}</Typography.Text>}
                    {e.declared ? <Tag color="green">{t(`declarations.via.${e.declaredVia ?? 'liaison'}`)}</Tag> : <Tag color="red">{t('declarations.notYet')}</Tag>}
                    {e.remindedAt && !e.declared && <Tag>{t('declarations.remindedAt')}</Tag>}<FlagTags flags={e.flags} /></Space>}
                  description={e.declaration && <DeclarationSummary d={e.declaration} />} />
              </List.Item>
            )} />
        </Card>
      )}
      <CampaignForm open={formOpen} needUnit={!me.unitId} onClose={() => setFormOpen(false)}
        onSaved={(c) => { setFormOpen(false); setSelected(c.id); loadCampaigns(); }} />
      <EntryForm entry={filling} onClose={() => setFilling(null)} onSaved={() => { setFilling(null); refresh(); }} />
      <HistoryDialog entry={history} onClose={() => setHistory(null)} />
      <LinksDialog campaignId={linksOf} onClose={() => setLinksOf(null)} />
    </div>
  );
}

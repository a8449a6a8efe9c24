import { useCallback, useMemo, useState } from 'react';
import { App, Button, DatePicker, Form, Input, List, Popconfirm, Select, Space, Tag, Timeline, Typography } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, FlagOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { mobilizationApi, type PledgeView } from '../../api/mobilization.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useKeysetList } from '../../components/useKeysetList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useLabels, useT } from '../../i18n/index.tsx';
import { ReachPersonSelect } from './ReachPersonSelect.tsx';
import { translated, withTexts } from './shared.tsx';
import { useLoad } from '../../components/useLoad.ts';

interface PledgeValues { personId?: string; teamId?: string | null; nodeId?: string | null; content?: string; pledgedOn?: Dayjs }
interface FulfilValues { doneOn?: Dayjs; note?: string }

/** 亮承诺 / 践诺: pledges with their fulfilment entries, filtered by team or place, with the counts above. */
export function PledgesTab({ canWrite, onChanged }: { canWrite: boolean; onChanged: () => void }) {
  const t = useT();
  const phone = useIsPhone();
  const me = useMe();
  const { label } = useLabels();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [filters, setFilters] = useState<{ teamId?: string; nodeId?: string }>({});
  const [version, setVersion] = useState(0);
  const fetchPage = useCallback((cursor: string | null) => mobilizationApi.pledges(filters, cursor), [filters]);
  const list = useKeysetList(fetchPage);
  const loadCounts = useCallback(() => mobilizationApi.pledgeCounts(filters), [filters]);
  const counts = useLoad(loadCounts, version);
  const loadTeams = useCallback(() => mobilizationApi.teams(), []);
  const teams = useLoad(loadTeams);
  const teamOptions = (teams.data ?? []).map((x) => ({ value: x.id, label: x.name }));
  const [createOpen, setCreateOpen] = useState(false);
  const [fulfilling, setFulfilling] = useState<PledgeView | null>(null);
  const [pledgeForm] = Form.useForm<PledgeValues>();
  const [fulfilForm] = Form.useForm<FulfilValues>();
  const pledgeId = useMemo(() => (createOpen ? newId() : ''), [createOpen]);
  const entryId = useMemo(() => (fulfilling ? newId() : ''), [fulfilling]);

  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };

  const create = async (v: PledgeValues) => {
    const saved = await withTexts(() => mobilizationApi.createPledge({
      id: pledgeId, personId: v.personId, teamId: v.teamId ?? null, nodeId: v.nodeId ?? null, content: v.content, pledgedOn: v.pledgedOn?.format('YYYY-MM-DD'),
    }));
    setCreateOpen(false);
    list.upsert(saved);
    changed();
    void message.success(t('common.saved'));
  };

  const fulfil = async (v: FulfilValues) => {
    if (!fulfilling) return;
    const saved = await withTexts(() => mobilizationApi.fulfil(fulfilling.id, { id: entryId, doneOn: v.doneOn!.format('YYYY-MM-DD'), note: v.note ?? '' }));
    setFulfilling(null);
    list.upsert(saved);
    changed();
    void message.success(t('common.saved'));
  };

  const remove = async (p: PledgeView) => {
    try {
      await mobilizationApi.removePledge(p.id);
      list.remove(p.id);
      changed();
    } catch (e) {
      reportError(translated(e));
    }
  };

  return (
    <div data-testid="tab-pledges">
      <div className="filter-bar">
        {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)} data-testid="pledge-add">{t('mobilization.pledge.add')}</Button>}
        <Select allowClear placeholder={t('mobilization.pledge.team')} options={teamOptions} style={{ minWidth: 200 }}
          onChange={(v: string | undefined) => setFilters((f) => ({ ...f, teamId: v }))} />
        <div style={{ minWidth: 220 }}>
          <NodePicker placeholder={t('mobilization.pledge.node')} onChange={(v) => setFilters((f) => ({ ...f, nodeId: v ?? undefined }))} value={filters.nodeId} />
        </div>
      </div>
      {counts.data && (
        <Typography.Paragraph data-testid="pledge-counts">
          <Tag color="red" icon={<FlagOutlined />}>{t('mobilization.pledge.counts', { ...counts.data })}</Tag>
        </Typography.Paragraph>
      )}
      <ApiErrorAlert error={list.error} />
      <List
        loading={list.loading && list.items.length === 0}
        dataSource={list.items}
        locale={{ emptyText: t('mobilization.pledge.empty') }}
        itemLayout={phone ? 'vertical' : 'horizontal'}
        data-testid="pledge-list"
        renderItem={(p) => (
          <List.Item
            style={{ paddingInline: 4, alignItems: 'flex-start' }}
            actions={canWrite ? [
              <Button key="f" type="link" size="small" icon={<CheckCircleOutlined />} onClick={() => setFulfilling(p)} data-testid="pledge-fulfil">{t('mobilization.pledge.fulfil')}</Button>,
              <Popconfirm key="d" title={t('common.confirmDelete', { name: p.content.slice(0, 20) })} onConfirm={() => void remove(p)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>,
            ] : undefined}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{p.personName}</span>
                  <Tag color={p.politicalStatus === 'member' ? 'red' : 'default'}>{label('political', p.politicalStatus)}</Tag>
                  {p.teamName && <Tag color="volcano">{p.teamName}</Tag>}
                  <Tag>{p.nodeName}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.pledgedOn}</Typography.Text>
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 6, color: 'rgba(0,0,0,0.88)' }}>“{p.content}”</Typography.Paragraph>
                  {p.fulfilments.length === 0 ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mobilization.pledge.noFulfilment')}</Typography.Text>
                  ) : (
                    <Timeline
                      style={{ marginTop: 8, marginBottom: -16 }}
                      items={p.fulfilments.slice(0, 5).map((f) => ({ color: 'green', content: <span style={{ fontSize: 12 }}><b>{f.doneOn}</b> {f.note}</span> }))}
                    />
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
      <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.loadMore()} />
      <FormModal<PledgeValues> open={createOpen} title={t('mobilization.pledge.add')} form={pledgeForm} initialValues={{ pledgedOn: dayjs(), nodeId: me.nodeId }}
        fields={['personId', 'teamId', 'nodeId', 'content', 'pledgedOn']} onSubmit={create} onClose={() => setCreateOpen(false)} testId="pledge-form">
        <Form.Item name="personId" label={t('mobilization.pledge.person')} rules={[{ required: true, message: t('common.required') }]}>
          <ReachPersonSelect testId="pledge-person" />
        </Form.Item>
        <Form.Item name="teamId" label={t('mobilization.pledge.team')}>
          <Select allowClear options={teamOptions} placeholder={t('common.optional')} />
        </Form.Item>
        <Form.Item name="nodeId" label={t('mobilization.pledge.node')} extra={t('mobilization.pledge.nodeHint')}>
          <NodePicker />
        </Form.Item>
        <Form.Item name="content" label={t('mobilization.pledge.content')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea maxLength={LIMITS.note} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="pledge-content" />
        </Form.Item>
        <Form.Item name="pledgedOn" label={t('mobilization.pledge.pledgedOn')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
      </FormModal>
      <FormModal<FulfilValues> open={!!fulfilling} title={`${t('mobilization.pledge.fulfil')} · ${fulfilling?.personName ?? ''}`} form={fulfilForm}
        initialValues={{ doneOn: dayjs() }} fields={['doneOn', 'note']} onSubmit={fulfil} onClose={() => setFulfilling(null)} testId="fulfil-form">
        <Form.Item name="doneOn" label={t('mobilization.pledge.doneOn')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="note" label={t('mobilization.pledge.note')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea maxLength={LIMITS.note} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="fulfil-note" />
        </Form.Item>
      </FormModal>
    </div>
  );
}

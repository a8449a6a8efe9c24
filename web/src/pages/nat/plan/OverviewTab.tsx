import { useCallback, useState } from 'react';
import { App as AntApp, Button, Card, Col, Descriptions, Form, InputNumber, Row, Segmented, Select, Space, Statistic } from 'antd';
import { EditOutlined, SyncOutlined } from '@ant-design/icons';
import { POOL_SIZES, ROUND_STATUSES } from '@shared/modules/nat/nat.schema.ts';
import { useCan } from '../../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert.tsx';
import { useLoad } from '../../../components/useLoad.ts';
import { useT } from '../../../i18n/index.tsx';
import { planApi, shanghaiDateTime, type RoundView, type TNatDefaults } from './api.ts';
import { RoundFormModal } from './RoundFormModal.tsx';

/** The round at a glance: details, status, the roster (build / refresh, counts) and, for admins, the defaults. */
export function OverviewTab({ round, canManage, onChanged }: { round: RoundView; canManage: boolean; onChanged: () => void }) {
  const t = useT();
  const can = useCan();
  const { message } = AntApp.useApp();
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const roster = useLoad(useCallback(() => planApi.roster(round.id), [round.id]), version);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      message.success(done);
      setVersion((v) => v + 1);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const c = roster.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="nat-overview">
      <ApiErrorAlert error={error ?? roster.error} />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('natPlan.round.name')}>{round.name}（{t('natPlan.round.numberN', { n: round.number })}）</Descriptions.Item>
        <Descriptions.Item label={t('natPlan.round.area')}>{round.nodeName}</Descriptions.Item>
        <Descriptions.Item label={t('natPlan.round.dates')}>{round.startsOn} ~ {round.endsOn}</Descriptions.Item>
        <Descriptions.Item label={t('natPlan.poolSize')}>{round.poolSize === 1 ? t('natPlan.single') : t('natPlan.poolOf', { n: round.poolSize })}</Descriptions.Item>
        <Descriptions.Item label={t('natPlan.bagSize')}>{round.bagSize}</Descriptions.Item>
        <Descriptions.Item label={t('natPlan.certHours')}>{round.certificateValidHours} {t('natPlan.hours')}</Descriptions.Item>
        <Descriptions.Item label={t('natPlan.rule')}>
          {round.requiredRule.exemptUnderAgeYears === null ? t('natPlan.rule.everyone') : t('natPlan.rule.exemptUnder', { n: round.requiredRule.exemptUnderAgeYears })}
        </Descriptions.Item>
        <Descriptions.Item label={t('natPlan.status')}>
          {canManage ? (
            <Segmented
              value={round.status}
              options={ROUND_STATUSES.map((s) => ({ value: s, label: t(`natPlan.status.${s}`) }))}
              onChange={(s) => void run(() => planApi.updateRound(round.id, { status: s as RoundView['status'] }), t('common.saved'))}
              data-testid="nat-round-status"
            />
          ) : t(`natPlan.status.${round.status}`)}
        </Descriptions.Item>
      </Descriptions>
      {canManage && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('natPlan.round.edit')}</Button>}

      <Card size="small" title={t('natPlan.roster')} extra={canManage ? (
        <Button icon={<SyncOutlined />} loading={busy} onClick={() => void run(() => planApi.buildRoster(round.id), t('natPlan.roster.built'))} data-testid="nat-roster-build">
          {round.rosterBuiltAt ? t('natPlan.roster.refresh') : t('natPlan.roster.build')}
        </Button>
      ) : null}>
        <Row gutter={[16, 16]}>
          <Col xs={12} sm={6}><Statistic title={t('natPlan.roster.required')} value={c?.required ?? 0} /></Col>
          <Col xs={12} sm={6}><Statistic title={t('natPlan.roster.sampled')} value={c?.sampled ?? 0} /></Col>
          <Col xs={12} sm={6}><Statistic title={t('natPlan.roster.exempt')} value={c?.exempt ?? 0} /></Col>
          <Col xs={12} sm={6}><Statistic title={t('natPlan.roster.total')} value={c?.total ?? 0} /></Col>
        </Row>
        {c && Object.keys(c.byReason).length > 0 && (
          <div style={{ marginTop: 8, color: '#666' }} data-testid="nat-roster-reasons">
            {Object.entries(c.byReason).map(([k, n]) => `${t(`natPlan.exempt.${k}` as 'natPlan.exempt.under_age')} ${n}`).join(' · ')}
          </div>
        )}
        <div style={{ marginTop: 8, color: '#888' }}>
          {round.rosterBuiltAt ? t('natPlan.roster.builtAt', { at: shanghaiDateTime(round.rosterBuiltAt) }) : t('natPlan.roster.notBuilt')}
        </div>
      </Card>
      {can('measures.manage') && <DefaultsCard />}
      <RoundFormModal open={editing} round={round} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); onChanged(); }} />
    </Space>
  );
}

/** Round defaults (settings 'nat.defaults'): copied into each new round. */
function DefaultsCard() {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<TNatDefaults>();
  const [error, setError] = useState<unknown>(null);
  const loaded = useLoad(useCallback(() => planApi.defaults().then((d) => { form.setFieldsValue(d); return d; }), [form]));
  const save = async () => {
    try {
      const v = await form.validateFields();
      await planApi.saveDefaults({ ...v, exemptUnderAgeYears: v.exemptUnderAgeYears ?? null });
      setError(null);
      message.success(t('common.saved'));
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      setError(e);
    }
  };
  return (
    <Card size="small" title={t('natPlan.defaults')} extra={<Button onClick={() => void save()} disabled={!loaded.data} data-testid="nat-defaults-save">{t('common.save')}</Button>}>
      <ApiErrorAlert error={error ?? loaded.error} />
      <div style={{ color: '#888', marginBottom: 8 }}>{t('natPlan.defaultsHelp')}</div>
      <Form form={form} layout="inline" style={{ rowGap: 8 }}>
        <Form.Item name="poolSize" label={t('natPlan.poolSize')}><Select style={{ width: 100 }} options={POOL_SIZES.map((n) => ({ value: n, label: String(n) }))} /></Form.Item>
        <Form.Item name="bagSize" label={t('natPlan.bagSize')}><InputNumber min={1} max={100} /></Form.Item>
        <Form.Item name="certificateValidHours" label={t('natPlan.certHours')}><InputNumber min={1} max={336} /></Form.Item>
        <Form.Item name="exemptUnderAgeYears" label={t('natPlan.exemptUnderAge')}><InputNumber min={0} max={18} /></Form.Item>
      </Form>
    </Card>
  );
}

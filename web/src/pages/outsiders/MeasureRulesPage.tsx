import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, List, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { RISK_LEVELS, type MeasureRule, type RiskLevel } from '@shared/modules/outsiders/outsiders.schema.ts';
import { outsidersApi, type RegionRiskView, type RuleVersionView } from '../../api/outsiders.ts';
import { useCan } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../i18n/index.tsx';
import { RiskTag } from './measureBits.tsx';
import { RuleVersionForm } from './RuleVersionForm.tsx';

const STATE_COLORS = { pending: 'blue', in_force: 'green', superseded: 'default' } as const;

function RuleText({ rule }: { rule: MeasureRule }) {
  const t = useT();
  const text = rule.kind === 'tests'
    ? t('outsiders.ruleTests', { days: rule.days, count: rule.count ?? 1 })
    : t('outsiders.ruleText', { kind: t(`outsiders.kind.${rule.kind}`), days: rule.days });
  return <span>{text}{rule.offsetDays ? t('outsiders.ruleOffset', { n: rule.offsetDays + 1 }) : ''}</span>;
}

/** 管控措施规则: the rule-set versions (what each risk level gets) and the region risk list — data the command edits. */
export default function MeasureRulesPage() {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const manage = can('measures.manage');
  const [versions, setVersions] = useState<RuleVersionView[]>([]);
  const [regions, setRegions] = useState<RegionRiskView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState<{ base: RuleVersionView | null; editing: RuleVersionView | null } | null>(null);
  const [region, setRegion] = useState<RegionRiskView | 'new' | null>(null);
  const [regionForm] = Form.useForm<Omit<RegionRiskView, 'id'>>();

  const load = useCallback(() => {
    outsidersApi.versions().then(setVersions, setError);
    outsidersApi.regionRisks().then(setRegions, setError);
  }, []);
  useEffect(load, [load]);
  const inForce = versions.find((v) => v.state === 'in_force') ?? null;

  return (
    <div data-testid="rules-page">
      <PageTitle title={t('outsiders.rulesTitle')} actions={manage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ base: inForce, editing: null })} data-testid="version-add">{t('outsiders.newVersion')}</Button>
      )} />
      <Alert type="info" showIcon message={t('outsiders.rulesHint')} style={{ marginBottom: 12 }} />
      <ApiErrorAlert error={error} />
      <Row gutter={[12, 12]}>
        {versions.map((v) => (
          <Col key={v.id} xs={24} lg={12}>
            <Card size="small" data-testid="rule-version"
              title={<Space wrap><b>{v.name}</b><Tag color={STATE_COLORS[v.state]}>{t(`outsiders.state.${v.state}`)}</Tag><span>{t('outsiders.effectiveFrom')} {v.effectiveFrom}</span></Space>}
              extra={manage && v.state === 'pending' && (
                <Space>
                  <Button size="small" onClick={() => setForm({ base: null, editing: v })}>{t('common.edit')}</Button>
                  <Popconfirm title={t('common.confirmDelete', { name: v.name })} onConfirm={() => outsidersApi.deleteVersion(v.id).then(load, (e) => void message.error((e as Error).message))}>
                    <Button size="small" danger>{t('common.delete')}</Button>
                  </Popconfirm>
                </Space>
              )}>
              {RISK_LEVELS.map((level: RiskLevel) => (
                <div key={level} style={{ padding: '4px 0' }}>
                  <span style={{ display: 'inline-block', width: 72 }}><RiskTag level={level} /></span>
                  {v.rules[level].length === 0
                    ? <Typography.Text type="secondary">{t('outsiders.noMeasure')}</Typography.Text>
                    : v.rules[level].map((r, i) => <span key={i}>{i > 0 && '；'}<RuleText rule={r} /></span>)}
                </div>
              ))}
              {v.note && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{v.note}</Typography.Paragraph>}
            </Card>
          </Col>
        ))}
      </Row>

      <Card size="small" style={{ marginTop: 16 }} title={t('outsiders.regionsTitle')} data-testid="region-risks"
        extra={manage && <Button size="small" icon={<PlusOutlined />} onClick={() => setRegion('new')}>{t('outsiders.addRegion')}</Button>}>
        <List dataSource={regions} renderItem={(r) => (
          <List.Item key={r.id} actions={manage ? [
            <Button key="e" type="link" size="small" onClick={() => setRegion(r)}>{t('common.edit')}</Button>,
            <Popconfirm key="d" title={t('common.confirmDelete', { name: r.region })} onConfirm={() => outsidersApi.deleteRegionRisk(r.id).then(load)}>
              <Button type="link" size="small" danger>{t('common.delete')}</Button>
            </Popconfirm>,
          ] : undefined}>
            <Space wrap><b>{r.region}</b><RiskTag level={r.riskLevel} /><span>{r.since} ~ {r.until ?? t('outsiders.untilOpen')}</span>
              {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}</Space>
          </List.Item>
        )} />
      </Card>

      <RuleVersionForm open={!!form} base={form?.base ?? null} editing={form?.editing ?? null} onClose={() => setForm(null)}
        onSaved={() => { setForm(null); void message.success(t('common.saved')); load(); }} />
      <FormModal open={region !== null} form={regionForm} fields={['region', 'riskLevel', 'since', 'until', 'note']} testId="region-form"
        title={region === 'new' ? t('outsiders.addRegion') : t('common.edit')}
        initialValues={region && region !== 'new' ? region : { riskLevel: 'medium' }}
        onClose={() => setRegion(null)}
        onSubmit={async (v) => {
          await outsidersApi.saveRegionRisk({ ...v, until: v.until || null, note: v.note || null }, region && region !== 'new' ? region.id : undefined);
          setRegion(null);
          load();
        }}>
        <Form.Item name="region" label={t('outsiders.region')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="riskLevel" label={t('outsiders.riskLevel')} rules={[{ required: true }]}>
          <Select options={RISK_LEVELS.map((l) => ({ value: l, label: t(`outsiders.risk.${l}`) }))} />
        </Form.Item>
        <Form.Item name="since" label={t('outsiders.since')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        <Form.Item name="until" label={t('outsiders.until')}><Input type="date" /></Form.Item>
        <Form.Item name="note" label={t('outsiders.versionNote')}><Input maxLength={200} /></Form.Item>
      </FormModal>
    </div>
  );
}

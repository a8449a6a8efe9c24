import { useEffect, useState } from 'react';
import { AutoComplete, Col, Form, Input, Radio, Row, Select, Tag, Typography } from 'antd';
import { ID_TYPES } from '@shared/modules/registry/registry.schema.ts';
import { RISK_LEVELS, type ProposalView, type RiskLevel } from '@shared/modules/outsiders/outsiders.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { outsidersApi, type ArrivalView, type ArrivalWrite, type RegionRiskView } from '../../api/outsiders.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { blankToNull } from '../../components/forms.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { MeasureLine, RISK_COLORS } from './measureBits.tsx';

type Values = Omit<ArrivalWrite, 'id'> & { stayKind: 'household' | 'other' };

const FIELDS = ['name', 'idType', 'idNumber', 'phone', 'fromRegion', 'riskLevel', 'arrivalDate', 'stayNodeId', 'stayText', 'nodeId', 'registeredVia', 'checkpointName', 'notes'];
const LAST_CHECKPOINT = 'fangkong.outsiders.checkpoint';

/** Today in Shanghai, as the server counts days. */
export function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: (a: ArrivalView) => void;
}

/** 登记抵达: a guard fills this in at the gate on a phone — one column, big choices, the checkpoint remembered. */
export function ArrivalForm({ open, onClose, onSaved }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [regions, setRegions] = useState<RegionRiskView[]>([]);
  const [proposal, setProposal] = useState<ProposalView | null>(null);
  // One client id per opened form: a retried submit (bad network at the gate) answers the same record.
  const [clientId, setClientId] = useState(newId());
  const idType = Form.useWatch('idType', form);
  const stayKind = Form.useWatch('stayKind', form);
  const via = Form.useWatch('registeredVia', form);
  const riskLevel = Form.useWatch('riskLevel', form);
  const arrivalDate = Form.useWatch('arrivalDate', form);

  useEffect(() => {
    if (!open) return;
    setClientId(newId());
    outsidersApi.regionRisks(undefined, shanghaiToday()).then(setRegions, () => setRegions([]));
  }, [open]);
  useEffect(() => {
    setProposal(null);
    if (!riskLevel || !/^\d{4}-\d{2}-\d{2}$/.test(arrivalDate ?? '')) return;
    outsidersApi.proposal(riskLevel, arrivalDate).then(setProposal, () => setProposal(null));
  }, [riskLevel, arrivalDate]);

  const initial: Partial<Values> = {
    idType: 'id_card', arrivalDate: shanghaiToday(), stayKind: 'household', registeredVia: 'checkpoint',
    checkpointName: localStorage.getItem(LAST_CHECKPOINT) ?? undefined,
  };

  const submit = async (raw: Values) => {
    const v = blankToNull(raw as Record<string, unknown>) as Values;
    const body: ArrivalWrite = {
      id: clientId, name: v.name, idType: v.idType, idNumber: v.idType === 'none' ? null : v.idNumber, phone: v.phone ?? null,
      fromRegion: v.fromRegion, riskLevel: v.riskLevel ?? undefined, arrivalDate: v.arrivalDate,
      stayNodeId: v.stayKind === 'household' ? v.stayNodeId ?? null : null,
      stayText: v.stayKind === 'other' ? v.stayText ?? null : null, nodeId: v.stayKind === 'other' ? v.nodeId ?? null : null,
      registeredVia: v.registeredVia, checkpointName: v.registeredVia === 'checkpoint' ? v.checkpointName ?? null : null, notes: v.notes ?? null,
    };
    const saved = await outsidersApi.create(body);
    if (body.checkpointName) localStorage.setItem(LAST_CHECKPOINT, body.checkpointName);
    onSaved(saved);
  };

  const pickRegion = (region: string) => {
    const hit = regions.find((r) => r.region === region);
    if (hit) form.setFieldValue('riskLevel', hit.riskLevel);
  };

  return (
    <FormModal<Values> open={open} form={form} initialValues={initial} fields={FIELDS} onSubmit={submit} onClose={onClose}
      title={t('outsiders.register')} testId="arrival-form" width={640}>
      <Form.Item name="registeredVia" label={t('outsiders.registeredVia')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="arrival-via"
          options={(['checkpoint', 'community'] as const).map((v) => ({ value: v, label: t(`outsiders.via.${v}`) }))} />
      </Form.Item>
      {via === 'checkpoint' && (
        <Form.Item name="checkpointName" label={t('outsiders.checkpointName')} rules={[{ required: true, whitespace: true }]}>
          <Input size="large" maxLength={100} data-testid="arrival-checkpoint" />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="name" label={t('outsiders.name')} rules={[{ required: true, whitespace: true }]}>
            <Input size="large" maxLength={50} autoComplete="off" data-testid="arrival-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t('outsiders.phone')}>
            <Input size="large" inputMode="tel" maxLength={20} autoComplete="off" data-testid="arrival-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item name="idType" label={t('outsiders.idType')} rules={[{ required: true }]}>
            <Select size="large" options={ID_TYPES.map((v) => ({ value: v, label: t(`registry.idType.${v}` as MessageKey) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item name="idNumber" label={t('outsiders.idNumber')}>
            <Input size="large" maxLength={30} disabled={idType === 'none'} autoComplete="off" data-testid="arrival-id-number" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="fromRegion" label={t('outsiders.fromRegion')} extra={regions.length > 0 ? t('outsiders.fromRegionHint') : undefined}
        rules={[{ required: true, whitespace: true }]}>
        <AutoComplete size="large" maxLength={100} onSelect={pickRegion} data-testid="arrival-region"
          options={regions.map((r) => ({ value: r.region, label: <span>{r.region} <Tag color={RISK_COLORS[r.riskLevel]}>{t(`outsiders.risk.${r.riskLevel}`)}</Tag></span> }))}
          filterOption={(input, option) => String(option?.value ?? '').includes(input)} />
      </Form.Item>
      <Form.Item name="riskLevel" label={t('outsiders.riskLevel')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="arrival-risk"
          options={RISK_LEVELS.map((r: RiskLevel) => ({ value: r, label: t(`outsiders.risk.${r}`) }))} />
      </Form.Item>
      <Form.Item name="arrivalDate" label={t('outsiders.arrivalDate')} rules={[{ required: true }]}>
        <Input size="large" type="date" max={shanghaiToday()} data-testid="arrival-date" />
      </Form.Item>
      {proposal && (
        <div style={{ marginBottom: 16 }} data-testid="arrival-proposal">
          <Typography.Text type="secondary">
            {!proposal.version ? t('outsiders.noVersion') : proposal.measures.length === 0 ? t('outsiders.proposalNone') : t('outsiders.proposal')}
          </Typography.Text>
          {proposal.measures.map((m, i) => <div key={i}><MeasureLine kind={m.kind} startsOn={m.startsOn} endsOn={m.endsOn} testDays={m.testDays} /></div>)}
        </div>
      )}
      <Form.Item name="stayKind" label={t('outsiders.stay')}>
        <Radio.Group optionType="button" size="large"
          options={[{ value: 'household', label: t('outsiders.stayHousehold') }, { value: 'other', label: t('outsiders.stayOther') }]} />
      </Form.Item>
      {stayKind === 'other' ? (
        <>
          <Form.Item name="stayText" rules={[{ required: true, whitespace: true }]} label={t('outsiders.stayText')}>
            <Input size="large" maxLength={200} data-testid="arrival-stay-text" />
          </Form.Item>
          <Form.Item name="nodeId" label={t('outsiders.responsible')}>
            <NodePicker value={form.getFieldValue('nodeId') ?? null} onChange={(id) => form.setFieldValue('nodeId', id)} testId="arrival-node" />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="stayNodeId" label={t('outsiders.stayHouseholdPick')} rules={[{ required: true }]}>
          <NodePicker value={form.getFieldValue('stayNodeId') ?? null} onChange={(id) => form.setFieldValue('stayNodeId', id)} testId="arrival-household" />
        </Form.Item>
      )}
      <Form.Item name="notes" label={t('outsiders.notes')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
      </Form.Item>
    </FormModal>
  );
}

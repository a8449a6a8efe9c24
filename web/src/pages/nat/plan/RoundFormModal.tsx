import { useEffect, useState } from 'react';
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { POOL_SIZES } from '@shared/modules/nat/nat.schema.ts';
import { FormModal } from '../../../components/FormModal.tsx';
import { NodePicker } from '../../../components/NodePicker.tsx';
import { useT } from '../../../i18n/index.tsx';
import { planApi, type RoundView, type TNatDefaults } from './api.ts';

interface Values {
  name: string; number: number; nodeId: string; dates: [Dayjs, Dayjs];
  poolSize: number; bagSize: number; certificateValidHours: number; exemptUnderAgeYears: number | null;
}

/** New round (defaults from settings) or edit of an existing one. */
export function RoundFormModal({ open, round, onClose, onSaved }: { open: boolean; round?: RoundView; onClose: () => void; onSaved: (r: RoundView) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [defaults, setDefaults] = useState<TNatDefaults | null>(null);
  // Loaded before the dialog opens, and filled in if they arrive while it is open (untouched fields only).
  useEffect(() => {
    planApi.defaults().then(setDefaults).catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!open || round || !defaults) return;
    const fill: Partial<Values> = {};
    if (!form.isFieldTouched('poolSize')) fill.poolSize = defaults.poolSize;
    if (!form.isFieldTouched('bagSize')) fill.bagSize = defaults.bagSize;
    if (!form.isFieldTouched('certificateValidHours')) fill.certificateValidHours = defaults.certificateValidHours;
    if (!form.isFieldTouched('exemptUnderAgeYears')) fill.exemptUnderAgeYears = defaults.exemptUnderAgeYears;
    form.setFieldsValue(fill);
  }, [open, round, defaults, form]);

  const initial: Partial<Values> | undefined = round
    ? {
      name: round.name, number: round.number, nodeId: round.nodeId, dates: [dayjs(round.startsOn), dayjs(round.endsOn)],
      poolSize: round.poolSize, bagSize: round.bagSize, certificateValidHours: round.certificateValidHours,
      exemptUnderAgeYears: round.requiredRule.exemptUnderAgeYears,
    }
    : defaults
      ? { poolSize: defaults.poolSize, bagSize: defaults.bagSize, certificateValidHours: defaults.certificateValidHours, exemptUnderAgeYears: defaults.exemptUnderAgeYears }
      : undefined;

  const submit = async (v: Values) => {
    const body = {
      name: v.name, number: v.number, startsOn: v.dates[0].format('YYYY-MM-DD'), endsOn: v.dates[1].format('YYYY-MM-DD'),
      poolSize: v.poolSize, bagSize: v.bagSize, certificateValidHours: v.certificateValidHours,
      // An untouched, empty age field keeps the server's default rule rather than switching the exemption off.
      ...(v.exemptUnderAgeYears !== undefined ? { requiredRule: { exemptUnderAgeYears: v.exemptUnderAgeYears } } : {}),
    };
    onSaved(round ? await planApi.updateRound(round.id, body) : await planApi.createRound({ ...body, nodeId: v.nodeId }));
  };

  return (
    <FormModal<Values>
      open={open}
      title={round ? t('natPlan.round.edit') : t('natPlan.round.new')}
      form={form}
      initialValues={initial}
      fields={['name', 'number', 'nodeId', 'dates', 'poolSize', 'bagSize', 'certificateValidHours', 'exemptUnderAgeYears']}
      onSubmit={submit}
      onClose={onClose}
      testId="nat-round-form"
    >
      <Form.Item name="name" label={t('natPlan.round.name')} rules={[{ required: true, message: t('common.required') }]}>
        <Input placeholder={t('natPlan.round.namePlaceholder')} maxLength={100} data-testid="nat-round-name" />
      </Form.Item>
      <Form.Item name="number" label={t('natPlan.round.number')} rules={[{ required: true, message: t('common.required') }]}>
        <InputNumber min={1} max={999} style={{ width: '100%' }} data-testid="nat-round-number" />
      </Form.Item>
      {!round && (
        <Form.Item name="nodeId" label={t('natPlan.round.area')} rules={[{ required: true, message: t('common.required') }]}>
          <NodePicker testId="nat-round-node" />
        </Form.Item>
      )}
      <Form.Item name="dates" label={t('natPlan.round.dates')} rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="poolSize" label={t('natPlan.poolSize')} extra={t('natPlan.poolSizeHelp')}>
        <Select options={POOL_SIZES.map((n) => ({ value: n, label: n === 1 ? t('natPlan.single') : t('natPlan.poolOf', { n }) }))} />
      </Form.Item>
      <Form.Item name="bagSize" label={t('natPlan.bagSize')}>
        <InputNumber min={1} max={100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="certificateValidHours" label={t('natPlan.certHours')}>
        <InputNumber min={1} max={336} style={{ width: '100%' }} addonAfter={t('natPlan.hours')} />
      </Form.Item>
      <Form.Item name="exemptUnderAgeYears" label={t('natPlan.exemptUnderAge')} extra={t('natPlan.exemptUnderAgeHelp')}>
        <InputNumber min={0} max={18} style={{ width: '100%' }} addonAfter={t('natPlan.years')} />
      </Form.Item>
    </FormModal>
  );
}

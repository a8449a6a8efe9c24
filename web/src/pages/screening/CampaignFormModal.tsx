import { DatePicker, Form, Input, InputNumber, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { newId } from '@shared/platform/ids.ts';
import { useRef } from 'react';
import { FormModal } from '../../components/FormModal.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useT } from '../../i18n/index.tsx';
import { screeningApi, type CampaignView } from './screeningApi.ts';

interface Values {
  name: string; nodeId: string; dates: [Dayjs, Dayjs]; recordTemperature: boolean; recordSymptoms: boolean; recordTravel: boolean;
  feverThreshold: number; notes?: string;
}

/** 发起入户排查: the subtree, the dates and what the doorstep form asks; one task per building is made at once. */
export function CampaignFormModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (c: CampaignView) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  // One client id per opened dialog: a double click or a retry after a lost answer makes one campaign.
  const clientId = useRef(newId());
  const today = dayjs();
  const submit = async (v: Values) => {
    const saved = await screeningApi.create({
      id: clientId.current, name: v.name, nodeId: v.nodeId, startDate: v.dates[0].format('YYYY-MM-DD'), endDate: v.dates[1].format('YYYY-MM-DD'),
      recordTemperature: v.recordTemperature, recordSymptoms: v.recordSymptoms, recordTravel: v.recordTravel,
      feverThreshold: v.feverThreshold, notes: v.notes?.trim() || null,
    });
    clientId.current = newId();
    onSaved(saved);
  };
  return (
    <FormModal<Values> open={open} title={t('screening.campaign.new')} form={form} onSubmit={submit} onClose={onClose} testId="campaign-form"
      initialValues={{ dates: [today, today.add(2, 'day')], recordTemperature: true, recordSymptoms: true, recordTravel: true, feverThreshold: 37.3 }}
      fields={['name', 'nodeId', 'dates', 'recordTemperature', 'recordSymptoms', 'recordTravel', 'feverThreshold', 'notes']}>
      <Form.Item name="name" label={t('screening.campaign.name')} rules={[{ required: true, message: t('common.required') }]}>
        <Input maxLength={100} placeholder={t('screening.campaign.namePlaceholder')} data-testid="campaign-name" />
      </Form.Item>
      <Form.Item name="nodeId" label={t('screening.campaign.area')} extra={t('screening.campaign.areaHelp')} rules={[{ required: true, message: t('common.required') }]}>
        <NodePicker testId="campaign-node" />
      </Form.Item>
      <Form.Item name="dates" label={t('screening.campaign.dates')} rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="recordTemperature" label={t('screening.campaign.recordTemperature')} valuePropName="checked"><Switch /></Form.Item>
      <Form.Item name="recordSymptoms" label={t('screening.campaign.recordSymptoms')} valuePropName="checked"><Switch /></Form.Item>
      <Form.Item name="recordTravel" label={t('screening.campaign.recordTravel')} valuePropName="checked"><Switch /></Form.Item>
      <Form.Item name="feverThreshold" label={t('screening.campaign.feverThreshold')} extra={t('screening.campaign.feverHelp')}>
        <InputNumber min={36} max={39} step={0.1} precision={1} suffix="°C" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="notes" label={t('screening.campaign.notes')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}

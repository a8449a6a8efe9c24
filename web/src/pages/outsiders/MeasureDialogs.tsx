import { Form, Input, Select, Typography } from 'antd';
import { MEASURE_KINDS } from '@shared/modules/outsiders/outsiders.schema.ts';
import { outsidersApi, type ArrivalView, type MeasureView } from '../../api/outsiders.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/index.tsx';

export interface MeasureTarget { arrival: ArrivalView; measure: MeasureView; action: 'adjust' | 'cancel' }

interface Values { kind?: MeasureView['kind']; startsOn?: string; endsOn?: string; reason?: string }

/** Adjust a proposed measure (kind, dates) or cancel it; both need a reason, kept with the record. */
export function MeasureDialog({ target, onClose, onDone }: { target: MeasureTarget | null; onClose: () => void; onDone: (a: ArrivalView) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const m = target?.measure;
  const submit = async (v: Values) => {
    if (!target || !m) return;
    onDone(target.action === 'cancel'
      ? await outsidersApi.close(m.id, 'cancelled', v.reason)
      : await outsidersApi.confirm(m.id, { kind: v.kind, startsOn: v.startsOn, endsOn: v.endsOn, reason: v.reason }));
  };
  return (
    <FormModal<Values> open={!!target} form={form} fields={['kind', 'startsOn', 'endsOn', 'reason']} onSubmit={submit} onClose={onClose}
      initialValues={m ? { kind: m.kind, startsOn: m.startsOn, endsOn: m.endsOn } : undefined} testId="measure-dialog"
      title={target ? t(target.action === 'cancel' ? 'outsiders.cancelTitle' : 'outsiders.adjustTitle', { name: target.arrival.name }) : ''}>
      {m && target?.action === 'adjust' && (
        <>
          <Typography.Paragraph type="secondary">
            {t('outsiders.proposedWas', { kind: t(`outsiders.kind.${m.proposed.kind}`), from: m.proposed.startsOn, to: m.proposed.endsOn })}
          </Typography.Paragraph>
          <Form.Item name="kind" label={t('outsiders.kind')}>
            <Select size="large" options={MEASURE_KINDS.map((k) => ({ value: k, label: t(`outsiders.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="startsOn" label={t('outsiders.startsOn')}><Input size="large" type="date" /></Form.Item>
          <Form.Item name="endsOn" label={t('outsiders.endsOn')}><Input size="large" type="date" /></Form.Item>
        </>
      )}
      <Form.Item name="reason" label={t('outsiders.reason')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="measure-reason" />
      </Form.Item>
    </FormModal>
  );
}

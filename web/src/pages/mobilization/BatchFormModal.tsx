import { useMemo } from 'react';
import { DatePicker, Form, Input, Row, Col } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { mobilizationApi, type BatchDetail, type BatchView } from '../../api/mobilization.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { UnitSelect } from '../../components/pickers.tsx';
import { useT } from '../../i18n/index.tsx';
import { UnitPeopleSelect } from './UnitPeopleSelect.tsx';
import { withTexts } from './shared.tsx';

interface Values {
  unitId?: string | null;
  nodeId?: string;
  batchNo?: string;
  name?: string;
  startsOn?: Dayjs;
  endsOn?: Dayjs | null;
  note?: string;
  personIds?: string[];
}

const FIELDS = ['unitId', 'nodeId', 'batchNo', 'name', 'startsOn', 'endsOn', 'note', 'personIds'];

/** Creates a dispatch batch (unit, place, dates, people) or edits one's name, number, dates and note. */
export function BatchFormModal({ open, batch, onClose, onSaved }: { open: boolean; batch: BatchView | null; onClose: () => void; onSaved: (b: BatchDetail) => void }) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const unitId = Form.useWatch('unitId', form);
  const liaison = me.role === 'unit_liaison';
  // A client-made id per opening: pressing save twice (or a retry after a network error) makes one batch.
  const id = useMemo(() => (open ? newId() : ''), [open]);
  const initial = useMemo<Values>(
    () =>
      batch
        ? { batchNo: batch.batchNo ?? '', name: batch.name, startsOn: dayjs(batch.startsOn), endsOn: batch.endsOn ? dayjs(batch.endsOn) : null, note: batch.note ?? '' }
        : { unitId: liaison ? me.unitId : undefined, startsOn: dayjs(), personIds: [] },
    [batch, liaison, me.unitId],
  );

  const submit = async (v: Values) => {
    const common = {
      batchNo: v.batchNo?.trim() || null, name: v.name, startsOn: v.startsOn?.format('YYYY-MM-DD'),
      endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null, note: v.note?.trim() || null,
    };
    const saved = await withTexts(() =>
      batch
        ? mobilizationApi.updateBatch(batch.id, common)
        : mobilizationApi.createBatch({ id, ...common, unitId: liaison ? undefined : v.unitId, nodeId: v.nodeId, personIds: v.personIds ?? [] }),
    );
    onSaved(saved);
  };

  return (
    <FormModal<Values>
      open={open}
      title={batch ? t('mobilization.batch.edit') : t('mobilization.batch.add')}
      form={form}
      initialValues={initial}
      fields={FIELDS}
      onSubmit={submit}
      onClose={onClose}
      testId="batch-form"
      width={640}
    >
      {!batch && !liaison && (
        <Form.Item name="unitId" label={t('mobilization.batch.unit')} rules={[{ required: true, message: t('common.required') }]}>
          <UnitSelect testId="batch-unit" />
        </Form.Item>
      )}
      {!batch && (
        <Form.Item name="nodeId" label={t('mobilization.batch.node')} rules={[{ required: true, message: t('common.required') }]}>
          <NodePicker testId="batch-node" />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col xs={24} sm={16}>
          <Form.Item name="name" label={t('mobilization.batch.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={LIMITS.placeName} data-testid="batch-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="batchNo" label={t('mobilization.batch.no')}>
            <Input maxLength={LIMITS.code} placeholder={t('mobilization.batch.noHint')} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="startsOn" label={t('mobilization.batch.startsOn')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="endsOn" label={t('mobilization.batch.endsOn')}>
            <DatePicker style={{ width: '100%' }} inputReadOnly placeholder={t('common.optional')} />
          </Form.Item>
        </Col>
      </Row>
      {!batch && (
        <Form.Item
          name="personIds"
          label={t('mobilization.batch.people')}
          extra={t('mobilization.batch.peopleHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}
        >
          <UnitPeopleSelect unitId={liaison ? me.unitId : unitId} testId="batch-people" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('mobilization.batch.note')}>
        <Input.TextArea maxLength={LIMITS.note} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </FormModal>
  );
}

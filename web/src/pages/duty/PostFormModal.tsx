import { useEffect, useState } from 'react';
import { Button, Checkbox, Col, Divider, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DUTY_POST_KINDS, zEndTime, zTime, type DutyPostKind } from '@shared/modules/duty/duty.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { dutyApi, type DutyPostView } from '../../api/duty.ts';
import { orgApi } from '../../api/org.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { zodRule } from '../../components/forms.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PersonSelect } from '../../components/pickers.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { withDutyText } from './dutyErrors.ts';

interface ShiftValues {
  id?: string;
  name: string;
  start: string;
  end: string;
  required: number;
  night: boolean;
  weekdays: number[];
}

interface Values {
  name: string;
  kind: DutyPostKind;
  nodeId: string | null;
  vanguardPostId?: string | null;
  phone?: string | null;
  note?: string | null;
  minRestHours?: number | null;
  lateGraceMinutes?: number | null;
  shifts: ShiftValues[];
  leads: Array<{ personId: string | null }>;
}

const ALL = [1, 2, 3, 4, 5, 6, 7];

/** Common requirements, one tap to fill the shift lines (the seeds: three shifts, a 24-hour rotation, day and night). */
type Preset = Omit<ShiftValues, 'name'> & { nameKey: MessageKey };
const PRESETS: Record<'three' | 'rotation' | 'dayNight', Preset[]> = {
  three: [
    { nameKey: 'duty.preset.early', start: '08:00', end: '16:00', required: 2, night: false, weekdays: ALL },
    { nameKey: 'duty.preset.late', start: '16:00', end: '24:00', required: 2, night: false, weekdays: ALL },
    { nameKey: 'duty.preset.night', start: '00:00', end: '08:00', required: 2, night: true, weekdays: ALL },
  ],
  rotation: [{ nameKey: 'duty.preset.rotation', start: '08:00', end: '08:00', required: 1, night: true, weekdays: ALL }],
  dayNight: [
    { nameKey: 'duty.preset.day', start: '08:00', end: '20:00', required: 2, night: false, weekdays: ALL },
    { nameKey: 'duty.preset.night', start: '20:00', end: '08:00', required: 1, night: true, weekdays: ALL },
  ],
};

const FIELDS = ['name', 'kind', 'nodeId', 'vanguardPostId', 'phone', 'note', 'minRestHours', 'lateGraceMinutes', 'shifts', 'leadPersonIds'];

/** Create or edit a duty post: where, what, the coverage requirement line by line, and the lead chain in order. */
export function PostFormModal({ post, open, onClose, onSaved }: { post: DutyPostView | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [vanguard, setVanguard] = useState<Array<{ value: string; label: string }>>([]);
  useEffect(() => {
    if (open) orgApi.posts().then((l) => setVanguard(l.map((p) => ({ value: p.id, label: `${p.name}（${p.nodeName}）` })))).catch(() => undefined);
  }, [open]);

  const initial: Partial<Values> = post
    ? {
        name: post.name, kind: post.kind, nodeId: post.nodeId, vanguardPostId: post.vanguardPostId, phone: post.phone, note: post.note,
        minRestHours: post.minRestHours, lateGraceMinutes: post.lateGraceMinutes,
        shifts: post.shifts.map((s) => ({ ...s })),
        leads: post.leads.map((l) => ({ personId: l.personId })),
      }
    : { kind: 'gate', shifts: [], leads: [{ personId: null }] };

  const submit = async (v: Values) => {
    const body = {
      name: v.name.trim(), kind: v.kind, nodeId: v.nodeId ?? '', vanguardPostId: v.vanguardPostId ?? null,
      phone: v.phone?.trim() || null, note: v.note?.trim() || null,
      minRestHours: v.minRestHours ?? null, lateGraceMinutes: v.lateGraceMinutes ?? null,
      shifts: (v.shifts ?? []).map((s) => ({ ...(s.id ? { id: s.id } : {}), name: s.name.trim(), start: s.start, end: s.end, required: s.required, night: !!s.night, weekdays: s.weekdays })),
      leadPersonIds: (v.leads ?? []).map((l) => l.personId).filter((id): id is string => !!id),
    };
    try {
      if (post) await dutyApi.updatePost(post.id, body);
      else await dutyApi.createPost(body);
    } catch (e) {
      throw withDutyText(e);
    }
    onSaved();
  };

  const preset = (key: keyof typeof PRESETS) =>
    form.setFieldValue('shifts', PRESETS[key].map(({ nameKey, ...s }) => ({ ...s, name: t(nameKey) })));

  return (
    <FormModal<Values> open={open} title={post ? t('duty.editPost') : t('duty.addPost')} form={form} initialValues={initial} fields={FIELDS}
      onSubmit={submit} onClose={onClose} testId="duty-post" width={760}>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('duty.postName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={LIMITS.placeName} data-testid="duty-post-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('duty.kind')} rules={[{ required: true }]}>
            <Select options={DUTY_POST_KINDS.map((k) => ({ value: k, label: t(`duty.kind.${k}` as 'duty.kind.gate') }))} data-testid="duty-post-kind" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="nodeId" label={t('duty.node')} rules={[{ required: true, message: t('common.required') }]}>
            <NodePicker initialLabel={post?.nodeName} testId="duty-post-node" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="vanguardPostId" label={t('duty.vanguardPost')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={vanguard} placeholder={t('duty.vanguardPostHint')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={t('duty.postPhone')}>
            <Input maxLength={30} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="minRestHours" label={t('duty.minRestHours')} tooltip={t('duty.ruleDefaultHint')}>
            <InputNumber min={0} max={48} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="lateGraceMinutes" label={t('duty.lateGrace')} tooltip={t('duty.ruleDefaultHint')}>
            <InputNumber min={0} max={240} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain style={{ margin: '4px 0 8px' }}>{t('duty.requirement')}</Divider>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('duty.presets')}</Typography.Text>
        <Button size="small" onClick={() => preset('three')} data-testid="preset-three">{t('duty.preset.threeShifts')}</Button>
        <Button size="small" onClick={() => preset('dayNight')}>{t('duty.preset.dayNight')}</Button>
        <Button size="small" onClick={() => preset('rotation')}>{t('duty.preset.rotation24')}</Button>
      </Space>
      <Form.List name="shifts">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <div key={f.key} className="duty-shift-line" data-testid="shift-line">
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ width: 110 }}>
                  <Input placeholder={t('duty.shiftName')} maxLength={LIMITS.name} />
                </Form.Item>
                <Form.Item name={[f.name, 'start']} rules={[zodRule(zTime)]} style={{ width: 80 }}>
                  <Input placeholder="08:00" maxLength={5} />
                </Form.Item>
                <span className="duty-shift-dash">–</span>
                <Form.Item name={[f.name, 'end']} rules={[zodRule(zEndTime)]} style={{ width: 80 }}>
                  <Input placeholder="16:00" maxLength={5} />
                </Form.Item>
                <Form.Item name={[f.name, 'required']} rules={[{ required: true, message: t('common.required') }]} style={{ width: 92 }}>
                  <InputNumber min={1} max={50} suffix={t('duty.peopleUnit')} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name={[f.name, 'night']} valuePropName="checked" style={{ width: 76 }}>
                  <Switch checkedChildren={t('duty.night')} unCheckedChildren={t('duty.day')} />
                </Form.Item>
                <Form.Item name={[f.name, 'weekdays']} rules={[{ required: true, message: t('common.required') }]} className="duty-weekdays">
                  <Checkbox.Group options={ALL.map((d) => ({ value: d, label: t(`duty.weekday.${d}` as 'duty.weekday.1') }))} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
              </div>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '', start: '08:00', end: '16:00', required: 1, night: false, weekdays: ALL })} data-testid="shift-add">
              {t('duty.addShift')}
            </Button>
          </>
        )}
      </Form.List>
      <Divider titlePlacement="start" plain style={{ margin: '12px 0 8px' }}>{t('duty.leadChain')}</Divider>
      <Form.List name="leads">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <div key={f.key} className="duty-lead-line">
                <span className="duty-lead-rank">{i === 0 ? t('duty.rank.lead') : i === 1 ? t('duty.rank.deputy') : t('duty.rank.next', { n: i - 1 })}</span>
                <Form.Item name={[f.name, 'personId']} style={{ flex: 1, marginBottom: 8 }}>
                  <PersonSelect initialLabel={post?.leads[i]?.personName} testId="lead-person" />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
              </div>
            ))}
            {fields.length < 10 && (
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ personId: null })}>{t('duty.addLead')}</Button>
            )}
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

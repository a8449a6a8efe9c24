import { useEffect, useRef, useState } from 'react';
import {
  Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, TimePicker,
  type ButtonProps,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  REPORT_FIELD_TYPES, REPORT_LIMITS, type ReportFieldType, type UnitMode,
} from '@shared/modules/reports/reports.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { orgApi } from '../../api/org.ts';
import { reportsApi, type ReportFormView, type ReportFormWrite } from '../../api/reports.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useLevels } from '../../components/useLevels.ts';
import { useT } from '../../i18n/index.tsx';
import { applyDetails, todayInShanghai, useDetailText } from './reportsShared.tsx';

interface FieldValues {
  key: string;
  labelZh: string;
  labelEn: string;
  type: ReportFieldType;
  required?: boolean;
  min?: number | null;
  max?: number | null;
  summable?: boolean;
}

interface DesignValues {
  name: string;
  nodeId?: string | null;
  reporterLevels: string[];
  unitMode: UnitMode;
  unitIds: string[];
  deadline: Dayjs;
  activeFrom: Dayjs;
  activeTo?: Dayjs | null;
  fields: FieldValues[];
}

/** The task force's daily form as a starting point (seeds: close contacts, volunteer services, community help). */
const STARTER_FIELDS: FieldValues[] = [
  { key: 'close_contacts', labelZh: '密切接触者', labelEn: 'Close contacts', type: 'integer', required: true, summable: true },
  { key: 'volunteer_services', labelZh: '志愿服务人次', labelEn: 'Volunteer services', type: 'integer', required: true, summable: true },
  { key: 'help_given', labelZh: '社区帮扶', labelEn: 'Community help', type: 'integer', required: false, summable: true },
  { key: 'anomaly', labelZh: '有异常情况', labelEn: 'Anything unusual', type: 'boolean', required: false, summable: true },
  { key: 'note', labelZh: '情况说明', labelEn: 'Notes', type: 'text', required: false, summable: false },
];

/** 表单设计: name, who reports (levels and/or units), deadline, dates and the fields; changing fields makes a version. */
export function FormDesigner({ open, form: editing, onClose, onSaved }: { open: boolean; form: ReportFormView | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const phone = useIsPhone();
  const text = useDetailText();
  const { levels, levelName } = useLevels();
  const [form] = Form.useForm<DesignValues>();
  const unitMode = Form.useWatch('unitMode', form);
  const [units, setUnits] = useState<Array<{ value: string; label: string }>>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rest, setRest] = useState<ReturnType<typeof applyDetails>>([]);
  const createId = useRef(newId());

  useEffect(() => {
    if (!open) return;
    setError(null);
    setRest([]);
    form.resetFields();
    createId.current = newId();
    form.setFieldsValue(editing ? {
      name: editing.name, nodeId: editing.nodeId, reporterLevels: editing.reporterLevels, unitMode: editing.unitMode, unitIds: editing.unitIds,
      deadline: dayjs(`2000-01-01T${editing.deadline}`), activeFrom: dayjs(editing.activeFrom), activeTo: editing.activeTo ? dayjs(editing.activeTo) : null,
      fields: editing.fields,
    } : {
      reporterLevels: ['community'], unitMode: 'none', unitIds: [], deadline: dayjs('2000-01-01T17:00'), activeFrom: dayjs(todayInShanghai()),
      fields: STARTER_FIELDS,
    });
    orgApi.units().then((u) => setUnits(u.map((x) => ({ value: x.id, label: x.name })))).catch(() => undefined);
  }, [open, editing, form]);

  const save = async () => {
    let v: DesignValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: ReportFormWrite = {
      name: v.name, reporterLevels: v.reporterLevels ?? [], unitMode: v.unitMode, unitIds: v.unitMode === 'listed' ? (v.unitIds ?? []) : [],
      deadline: v.deadline.format('HH:mm'), activeFrom: v.activeFrom.format('YYYY-MM-DD'), activeTo: v.activeTo ? v.activeTo.format('YYYY-MM-DD') : null,
      fields: v.fields.map((f) => ({
        key: f.key, labelZh: f.labelZh, labelEn: f.labelEn, type: f.type, required: !!f.required, summable: f.type !== 'text' && !!f.summable,
        ...(f.type === 'integer' ? { min: f.min ?? null, max: f.max ?? null } : {}),
      })),
    };
    setBusy(true);
    setError(null);
    try {
      if (editing) await reportsApi.updateForm(editing.id, body);
      else await reportsApi.createForm({ ...body, id: createId.current, ...(v.nodeId ? { nodeId: v.nodeId } : {}) });
      onSaved();
    } catch (e) {
      // fields.2.key goes under that field's input; reporterLevels.1 under the level picker.
      setRest(applyDetails(form, e, text, (path) => (path[0] === 'fields' && path.length === 3 ? path
        : ['name', 'nodeId', 'reporterLevels', 'unitIds', 'deadline', 'activeFrom', 'activeTo'].includes(String(path[0])) ? [path[0]] : null)));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const typeOptions = REPORT_FIELD_TYPES.map((type) => ({ value: type, label: t(`reports.forms.type.${type}`) }));
  return (
    <Modal
      open={open}
      title={editing ? `${t('reports.forms.edit')} · v${editing.version}` : t('reports.forms.add')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      width={phone ? undefined : 1060}
      forceRender
      okButtonProps={{ 'data-testid': 'form-designer-save' } as ButtonProps}
    >
      <ApiErrorAlert error={error} details={rest} />
      <Form form={form} layout="vertical" requiredMark={false} data-testid="form-designer">
        <Form.Item name="name" label={t('reports.forms.name')} rules={[{ required: true, whitespace: true, message: t('reports.field_required') }]}>
          <Input maxLength={LIMITS.placeName} data-testid="form-name" />
        </Form.Item>
        <div className="report-design-row">
          {!editing && (
            <Form.Item name="nodeId" label={t('reports.forms.node')} style={{ width: phone ? '100%' : 260 }}>
              <NodePicker placeholder={t('reports.forms.nodeAll')} testId="form-node" />
            </Form.Item>
          )}
          <Form.Item name="reporterLevels" label={t('reports.forms.levels')} style={{ width: phone ? '100%' : 240 }}>
            <Select mode="multiple" options={levels.map((l) => ({ value: l.code, label: levelName(l.code) }))} data-testid="form-levels" />
          </Form.Item>
          <Form.Item name="deadline" label={t('reports.deadline')} rules={[{ required: true, message: t('reports.field_required') }]}>
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} data-testid="form-deadline" />
          </Form.Item>
          <Form.Item name="activeFrom" label={t('reports.forms.activeFrom')} rules={[{ required: true, message: t('reports.field_required') }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="activeTo" label={t('reports.forms.activeTo')}>
            <DatePicker placeholder={t('reports.forms.open')} />
          </Form.Item>
        </div>
        <Form.Item name="unitMode" label={t('reports.forms.unitMode')}>
          <Radio.Group
            optionType="button"
            options={(['none', 'all', 'listed'] as const).map((m) => ({ value: m, label: t(`reports.forms.unitMode.${m}`) }))}
            data-testid="form-unit-mode"
          />
        </Form.Item>
        {unitMode === 'listed' && (
          <Form.Item name="unitIds" label={t('reports.forms.units')}>
            <Select mode="multiple" options={units} showSearch={{ optionFilterProp: 'label' }} data-testid="form-units" />
          </Form.Item>
        )}
        {editing && <Alert type="info" showIcon title={t('reports.forms.versionHint')} style={{ marginBottom: 12 }} />}
        <Form.List name="fields">
          {(items, { add, remove }) => (
            <Card size="small" title={t('reports.forms.fields')} data-testid="form-fields">
              {items.map(({ key, name }) => (
                <FieldRow key={key} name={name} phone={phone} typeOptions={typeOptions} onRemove={() => remove(name)} />
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                disabled={items.length >= REPORT_LIMITS.fields}
                onClick={() => add({ key: '', labelZh: '', labelEn: '', type: 'integer', required: false, summable: true })}
                data-testid="form-add-field"
              >
                {t('reports.forms.addField')}
              </Button>
            </Card>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function FieldRow({ name, phone, typeOptions, onRemove }: { name: number; phone: boolean; typeOptions: Array<{ value: string; label: string }>; onRemove: () => void }) {
  const t = useT();
  const type = Form.useWatch(['fields', name, 'type']);
  const required = [{ required: true, whitespace: true, message: t('reports.field_required') }];
  return (
    <div className="report-field-row" data-testid="form-field-row">
      <Form.Item name={[name, 'key']} label={t('reports.forms.field.key')} rules={required} style={{ width: phone ? '100%' : 150 }}>
        <Input maxLength={REPORT_LIMITS.fieldKey} placeholder="close_contacts" />
      </Form.Item>
      <Form.Item name={[name, 'labelZh']} label={t('reports.forms.field.labelZh')} rules={required} style={{ width: phone ? '100%' : 140 }}>
        <Input maxLength={REPORT_LIMITS.label} />
      </Form.Item>
      <Form.Item name={[name, 'labelEn']} label={t('reports.forms.field.labelEn')} rules={required} style={{ width: phone ? '100%' : 150 }}>
        <Input maxLength={REPORT_LIMITS.labelEn} />
      </Form.Item>
      <Form.Item name={[name, 'type']} label={t('reports.forms.field.type')} style={{ width: phone ? '100%' : 100 }}>
        <Select options={typeOptions} />
      </Form.Item>
      {type === 'integer' && (
        <>
          <Form.Item name={[name, 'min']} label={t('reports.forms.field.min')} style={{ width: 80 }}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name={[name, 'max']} label={t('reports.forms.field.max')} style={{ width: 96 }}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      <Form.Item name={[name, 'required']} valuePropName="checked" label=" ">
        <Checkbox>{t('reports.forms.field.required')}</Checkbox>
      </Form.Item>
      {type !== 'text' && (
        <Form.Item name={[name, 'summable']} valuePropName="checked" label=" ">
          <Checkbox>{t('reports.forms.field.summable')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item label=" ">
        <Button danger type="text" icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('common.delete')} />
      </Form.Item>
    </div>
  );
}

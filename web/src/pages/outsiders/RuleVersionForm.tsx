import { Button, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { MEASURE_KINDS, RISK_LEVELS, type MeasureRule } from '@shared/modules/outsiders/outsiders.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { outsidersApi, type RuleSet, type RuleVersionView } from '../../api/outsiders.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/index.tsx';
import { shanghaiToday } from './ArrivalForm.tsx';

interface Values { name: string; effectiveFrom: string; note?: string; rules: RuleSet }

/** A new version (starting from a copy of another) or a correction of one not yet in force. */
export function RuleVersionForm({ open, base, editing, onClose, onSaved }: {
  open: boolean; base: RuleVersionView | null; editing: RuleVersionView | null; onClose: () => void; onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const from = editing ?? base;
  const initial: Partial<Values> = {
    name: editing?.name ?? '', effectiveFrom: editing?.effectiveFrom ?? shanghaiToday(), note: editing?.note ?? '',
    rules: from?.rules ?? { high: [], medium: [], low: [], none: [] },
  };
  const submit = async (v: Values) => {
    const clean = (list: MeasureRule[] | undefined) => (list ?? []).map((r) => ({
      kind: r.kind, days: r.days, ...(r.kind === 'tests' ? { count: r.count ?? 1 } : {}), ...(r.offsetDays ? { offsetDays: r.offsetDays } : {}),
    }));
    const rules: RuleSet = { high: clean(v.rules.high), medium: clean(v.rules.medium), low: clean(v.rules.low), none: clean(v.rules.none) };
    const body = { name: v.name, effectiveFrom: v.effectiveFrom, note: v.note || null, rules };
    if (editing) await outsidersApi.updateVersion(editing.id, body);
    else await outsidersApi.createVersion({ ...body, id: newId() });
    onSaved();
  };
  return (
    <FormModal<Values> open={open} form={form} initialValues={initial} fields={['name', 'effectiveFrom', 'note', 'rules']} onSubmit={submit}
      onClose={onClose} title={editing ? t('outsiders.editVersion') : t('outsiders.newVersion')} testId="rule-version-form" width={720}>
      <Row gutter={12}>
        <Col xs={24} sm={14}>
          <Form.Item name="name" label={t('outsiders.versionName')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item name="effectiveFrom" label={t('outsiders.effectiveFrom')} rules={[{ required: true }]}><Input type="date" min={shanghaiToday()} /></Form.Item>
        </Col>
      </Row>
      {RISK_LEVELS.map((level) => (
        <Form.List key={level} name={['rules', level]}>
          {(fields, { add, remove }) => (
            <div style={{ marginBottom: 12 }}>
              <Typography.Text strong>{t(`outsiders.risk.${level}`)}</Typography.Text>
              {fields.map((f) => (
                <Row key={f.key} gutter={8} align="bottom" style={{ marginTop: 4 }}>
                  <Col xs={24} sm={8}>
                    <Form.Item name={[f.name, 'kind']} label={t('outsiders.kind')} rules={[{ required: true }]} style={{ marginBottom: 4 }}>
                      <Select options={MEASURE_KINDS.map((k) => ({ value: k, label: t(`outsiders.kind.${k}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={7} sm={4}>
                    <Form.Item name={[f.name, 'days']} label={t('outsiders.days')} rules={[{ required: true }]} style={{ marginBottom: 4 }}>
                      <InputNumber min={1} max={60} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={7} sm={4}>
                    <Form.Item noStyle shouldUpdate>
                      {() => form.getFieldValue(['rules', level, f.name, 'kind']) === 'tests' ? (
                        <Form.Item name={[f.name, 'count']} label={t('outsiders.count')} rules={[{ required: true }]} style={{ marginBottom: 4 }}>
                          <InputNumber min={1} max={10} style={{ width: '100%' }} />
                        </Form.Item>
                      ) : null}
                    </Form.Item>
                  </Col>
                  <Col xs={7} sm={5}>
                    <Form.Item name={[f.name, 'offsetDays']} label={t('outsiders.offsetDays')} style={{ marginBottom: 4 }}>
                      <InputNumber min={0} max={60} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={3} sm={3}><Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} style={{ marginBottom: 4 }} /></Col>
                </Row>
              ))}
              <div><Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ kind: 'tests', days: 3, count: 2 })}>{t('outsiders.addMeasure')}</Button></div>
            </div>
          )}
        </Form.List>
      ))}
      <Form.Item name="note" label={t('outsiders.versionNote')}><Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} /></Form.Item>
    </FormModal>
  );
}

import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { ID_TYPES, NEED_KINDS, RELATIONS, RESIDENCE_TYPES, type NeedKind } from '@shared/modules/registry/registry.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { registryApi, type ResidentView, type ResidentWrite } from '../../api/registry.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { blankToNull } from '../../components/forms.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';

type NeedFields = { [K in `need_${NeedKind}`]?: boolean } & { [K in `note_${NeedKind}`]?: string };
type Values = Omit<ResidentWrite, 'needs'> & NeedFields;

const FIELDS = ['name', 'sex', 'birthDate', 'idType', 'idNumber', 'phone', 'relation', 'residenceType', 'needs', 'notes', 'householdId'];

interface Props {
  open: boolean;
  householdId: string | null;
  editing: ResidentView | null;
  onClose: () => void;
  onSaved: (r: ResidentView) => void;
}

/** Register or edit a resident; a building lead does this on a phone at the door. */
export function ResidentForm({ open, householdId, editing, onClose, onSaved }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const idType = Form.useWatch('idType', form);
  const opt = (prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }));

  const initial: Partial<Values> = editing
    ? {
      name: editing.name, sex: editing.sex, birthDate: editing.birthDate, idType: editing.idType, relation: editing.relation,
      residenceType: editing.residenceType, notes: editing.notes,
      ...Object.fromEntries(editing.needs.flatMap((n) => [[`need_${n.kind}`, true], [`note_${n.kind}`, n.note ?? '']])),
    }
    : { idType: 'id_card', relation: 'head', residenceType: 'permanent' };

  const submit = async (raw: Values) => {
    const v = blankToNull(raw as Record<string, unknown>) as Values;
    const needs = NEED_KINDS.filter((k) => v[`need_${k}`]).map((k) => ({ kind: k, note: v[`note_${k}`] ?? null }));
    const body: ResidentWrite = {
      name: v.name, sex: v.sex ?? null, birthDate: v.birthDate ?? null, idType: v.idType, relation: v.relation,
      residenceType: v.residenceType, needs, notes: v.notes ?? null,
    };
    // Numbers are never sent back to the form (they are masked); leaving them blank keeps what is stored.
    if (v.idNumber || !editing || v.idType !== editing.idType) body.idNumber = v.idNumber ?? null;
    if (v.phone) body.phone = v.phone;
    const saved = editing
      ? await registryApi.update(editing.id, body)
      : await registryApi.create({ ...body, id: newId(), householdId: householdId ?? undefined });
    onSaved(saved);
  };

  return (
    <FormModal<Values> open={open} form={form} initialValues={initial} fields={FIELDS} onSubmit={submit} onClose={onClose}
      title={editing ? `${t('registry.edit')}：${editing.name}` : t('registry.add')} testId="resident-form" width={640}>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="name" label={t('registry.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={50} data-testid="resident-name" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="relation" label={t('registry.relation')} rules={[{ required: true }]}>
            <Select options={opt('registry.relation', RELATIONS)} data-testid="resident-relation" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="residenceType" label={t('registry.residenceType')} rules={[{ required: true }]}>
            <Select options={opt('registry.residence', RESIDENCE_TYPES)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item name="idType" label={t('registry.idType')} rules={[{ required: true }]}>
            <Select options={opt('registry.idType', ID_TYPES)} data-testid="resident-id-type" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item name="idNumber" label={t('registry.idNumber')}
            extra={editing?.idNumberMasked ? editing.idNumberMasked : undefined}>
            <Input maxLength={30} disabled={idType === 'none'} inputMode={idType === 'id_card' ? 'numeric' : undefined}
              autoComplete="off" data-testid="resident-id-number" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="sex" label={t('registry.sex')}>
            <Select allowClear options={opt('registry.sex', ['M', 'F'])} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="birthDate" label={t('registry.birthDate')} extra={idType === 'id_card' ? t('registry.birthDateHint') : undefined}>
            <Input placeholder="YYYY-MM-DD" maxLength={10} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item name="phone" label={t('registry.phone')} extra={editing?.phoneMasked ?? t('registry.phoneHint')}>
            <Input inputMode="tel" maxLength={20} autoComplete="off" data-testid="resident-phone" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('registry.needs')} style={{ marginBottom: 8 }}>
        {NEED_KINDS.map((k) => (
          <Row key={k} gutter={8} align="middle" style={{ marginBottom: 4 }}>
            <Col flex="120px">
              <Form.Item name={`need_${k}`} valuePropName="checked" noStyle>
                <Checkbox data-testid={`need-${k}`}>{t(`registry.need.${k}` as MessageKey)}</Checkbox>
              </Form.Item>
            </Col>
            <Col flex="auto">
              <Form.Item noStyle shouldUpdate={(a, b) => a[`need_${k}`] !== b[`need_${k}`]}>
                {({ getFieldValue }) => getFieldValue(`need_${k}`) ? (
                  <Form.Item name={`note_${k}`} noStyle>
                    <Input size="small" maxLength={200} placeholder={t('registry.needNote')} data-testid={`need-note-${k}`} />
                  </Form.Item>
                ) : null}
              </Form.Item>
            </Col>
          </Row>
        ))}
      </Form.Item>
      <Form.Item name="notes" label={t('registry.notes')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
    </FormModal>
  );
}

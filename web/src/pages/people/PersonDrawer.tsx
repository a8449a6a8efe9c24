import { useEffect, useState } from 'react';
import { Button, Col, Drawer, Form, Input, Radio, Row, Select, Space } from 'antd';
import { BRANCH_KINDS } from '@shared/modules/org/org.schema.ts';
import { PERSON_CATEGORIES, POLITICAL_STATUSES, PersonInput } from '@shared/modules/people/people.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { peopleApi, type PersonView, type PersonWrite } from '../../api/people.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { applyApiError, zodRule, validValues } from '../../components/forms.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PartyOrgSelect, UnitSelect } from '../../components/pickers.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useLabels, useT } from '../../i18n/index.tsx';

interface Values {
  name: string;
  sex?: 'M' | 'F' | null;
  politicalStatus: PersonView['politicalStatus'];
  category: PersonView['category'];
  unitId?: string | null;
  branchId?: string | null;
  homeNodeId?: string | null;
  phone?: string;
  idNumber?: string;
  skills?: string[];
}

const FIELDS = ['name', 'sex', 'politicalStatus', 'category', 'unitId', 'branchId', 'homeNodeId', 'phone', 'idNumber', 'skills'];

/** Add or edit one person. Phone and ID number are never sent back in full: blank keeps the stored value. */
export function PersonDrawer({ person, open, onClose, onSaved }: { person: PersonView | null; open: boolean; onClose: () => void; onSaved: (p: PersonView) => void }) {
  const t = useT();
  const { options } = useLabels();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rest, setRest] = useState<ReturnType<typeof applyApiError>>([]);
  const [clientId, setClientId] = useState(newId());

  useEffect(() => {
    if (!open) return;
    setError(null);
    setRest([]);
    setClientId(newId());
    form.resetFields();
    form.setFieldsValue(
      person
        ? {
            name: person.name, sex: person.sex, politicalStatus: person.politicalStatus, category: person.category,
            unitId: person.unitId, branchId: person.branchId, homeNodeId: person.homeNodeId, skills: person.skills,
          }
        : { politicalStatus: 'member', category: 'cadre', skills: [] },
    );
  }, [open, person, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body: PersonWrite = {
      name: v.name.trim(),
      sex: v.sex ?? null,
      politicalStatus: v.politicalStatus,
      category: v.category,
      unitId: v.unitId ?? null,
      branchId: v.branchId ?? null,
      homeNodeId: v.homeNodeId ?? null,
      skills: v.skills ?? [],
    };
    if (v.phone?.trim()) body.phone = v.phone.trim();
    if (v.idNumber?.trim()) body.idNumber = v.idNumber.trim();
    setBusy(true);
    setError(null);
    try {
      onSaved(person ? await peopleApi.update(person.id, body) : await peopleApi.create({ ...body, id: clientId }));
    } catch (e) {
      setRest(applyApiError(form, e, FIELDS));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={person ? t('people.edit') : t('people.add')}
      size={phone ? '100%' : 560}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => void submit()} loading={busy} data-testid="person-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ApiErrorAlert error={error} details={rest} />
      <Form form={form} layout="vertical" requiredMark="optional">
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label={t('people.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, zodRule(PersonInput.shape.name)]}>
              <Input maxLength={LIMITS.name} data-testid="person-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="sex" label={t('people.sex')}>
              <Radio.Group options={options('sex')} optionType="button" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="politicalStatus" label={t('people.political')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={options('political', POLITICAL_STATUSES)} data-testid="person-political" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={t('people.category')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={options('category', PERSON_CATEGORIES)} data-testid="person-category" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('people.phone')} rules={[zodRule(PersonInput.shape.phone, { optional: true })]}>
              <Input
                inputMode="tel"
                maxLength={20}
                placeholder={person?.phoneMasked ? t('people.keepMasked', { v: person.phoneMasked }) : undefined}
                data-testid="person-phone"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="idNumber" label={t('people.idNumber')} rules={[zodRule(PersonInput.shape.idNumber, { optional: true })]}>
              <Input
                maxLength={18}
                placeholder={person?.idNumberMasked ? t('people.keepMasked', { v: person.idNumberMasked }) : undefined}
                data-testid="person-id-number"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="unitId" label={t('people.unit')}>
              <UnitSelect initialLabel={person?.unitName} testId="person-unit" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="branchId" label={t('people.branch')}>
              <PartyOrgSelect kinds={BRANCH_KINDS} initialLabel={person?.branchName} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="homeNodeId" label={t('people.home')}>
              <NodePicker initialLabel={person?.homeNodeName} testId="person-home" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="skills" label={t('people.skills')} extra={t('people.skillsHint')}>
              <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}

import { useEffect, useState } from 'react';
import { Col, Form, Input, Radio, Row, Select } from 'antd';
import { BRANCH_KINDS } from '@shared/modules/org/org.schema.ts';
import { PERSON_CATEGORIES, POLITICAL_STATUSES, PersonInput } from '@shared/modules/people/people.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { peopleApi, type PersonView, type PersonWrite } from '../../api/people.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { zodRule } from '../../components/forms.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PartyOrgSelect, UnitSelect } from '../../components/pickers.tsx';
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
  const [form] = Form.useForm<Values>();
  const [clientId, setClientId] = useState(newId());
  // A new client id each time the drawer opens: a create sent twice (a retry) is stored once.
  useEffect(() => {
    if (open) setClientId(newId());
  }, [open]);
  const initialValues: Partial<Values> = person
    ? {
        name: person.name, sex: person.sex, politicalStatus: person.politicalStatus, category: person.category,
        unitId: person.unitId, branchId: person.branchId, homeNodeId: person.homeNodeId, skills: person.skills,
      }
    : { politicalStatus: 'member', category: 'cadre', skills: [] };

  const submit = async (v: Values) => {
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
    onSaved(person ? await peopleApi.update(person.id, body) : await peopleApi.create({ ...body, id: clientId }));
  };

  return (
    <FormDrawer<Values>
      open={open}
      onClose={onClose}
      title={person ? t('people.edit') : t('people.add')}
      form={form}
      initialValues={initialValues}
      fields={FIELDS}
      onSubmit={submit}
      testId="person"
      width={560}
    >
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
    </FormDrawer>
  );
}

import { Col, Form, Input, Radio, Row, Tag } from 'antd';
import { DESTINATION_RISKS, HEALTH, WHEREABOUTS, type Flag } from '@shared/modules/declarations/declarations.schema.ts';
import type { DeclarationView } from '../../api/declarations.ts';
import { useT } from '../../i18n/index.tsx';

export const DECLARATION_FIELDS = ['whereabouts', 'destination', 'leftOn', 'returnOn', 'destinationRisk', 'health', 'symptoms', 'riskContact', 'contactText'];
export const EMPTY_DECLARATION: Partial<DeclarationView> = { whereabouts: 'stayed', health: 'normal', riskContact: false };

/** Blank optional fields become null, so the server sees "not given" rather than an empty string. */
export function toDeclaration(v: DeclarationView): DeclarationView {
  const blank = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
  return {
    whereabouts: v.whereabouts, destination: blank(v.destination), leftOn: blank(v.leftOn), returnOn: blank(v.returnOn),
    destinationRisk: v.destinationRisk ?? null, health: v.health, symptoms: blank(v.symptoms), riskContact: !!v.riskContact,
    contactText: blank(v.contactText),
  };
}

/** The declaration's fields, one column with big choices: the staff member fills it in on a phone. */
export function DeclarationFields() {
  const t = useT();
  const form = Form.useFormInstance<DeclarationView>();
  const whereabouts = Form.useWatch('whereabouts', form);
  const health = Form.useWatch('health', form);
  const contact = Form.useWatch('riskContact', form);
  return (
    <>
      <Form.Item name="whereabouts" label={t('declarations.whereabouts')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="decl-whereabouts"
          options={WHEREABOUTS.map((w) => ({ value: w, label: t(`declarations.whereabouts.${w}`) }))} />
      </Form.Item>
      {whereabouts === 'left' && (
        <>
          <Form.Item name="destination" label={t('declarations.destination')} rules={[{ required: true, whitespace: true }]}>
            <Input size="large" maxLength={100} data-testid="decl-destination" />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="leftOn" label={t('declarations.leftOn')} rules={[{ required: true }]}><Input size="large" type="date" /></Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="returnOn" label={t('declarations.returnOn')}><Input size="large" type="date" /></Form.Item>
            </Col>
          </Row>
          <Form.Item name="destinationRisk" label={t('declarations.destinationRisk')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" size="large"
              options={DESTINATION_RISKS.map((r) => ({ value: r, label: t(`declarations.risk.${r}`) }))} />
          </Form.Item>
        </>
      )}
      <Form.Item name="health" label={t('declarations.health')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="decl-health"
          options={HEALTH.map((h) => ({ value: h, label: t(`declarations.health.${h}`) }))} />
      </Form.Item>
      {health === 'symptoms' && (
        <Form.Item name="symptoms" label={t('declarations.symptoms')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      )}
      <Form.Item name="riskContact" label={t('declarations.riskContact')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="decl-contact"
          options={[{ value: false, label: t('common.no') }, { value: true, label: t('common.yes') }]} />
      </Form.Item>
      {contact && (
        <Form.Item name="contactText" label={t('declarations.contactText')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      )}
    </>
  );
}

export function FlagTags({ flags }: { flags: Flag[] }) {
  const t = useT();
  return <>{flags.map((f) => <Tag key={f} color="red">{t(`declarations.flag.${f}`)}</Tag>)}</>;
}

/** One line in words: 离开本地 → 上海市浦东新区 01-28~02-06 · 正常. */
export function DeclarationSummary({ d }: { d: DeclarationView }) {
  const t = useT();
  return (
    <span>
      {t(`declarations.whereabouts.${d.whereabouts}`)}
      {d.whereabouts === 'left' && ` → ${d.destination ?? ''} ${d.leftOn ?? ''}~${d.returnOn ?? ''}${d.destinationRisk ? `（${t(`declarations.risk.${d.destinationRisk}`)}）` : ''}`}
      {' · '}{t(`declarations.health.${d.health}`)}{d.symptoms ? `：${d.symptoms}` : ''}
      {d.riskContact && ` · ${t('declarations.flag.risk_contact')}：${d.contactText ?? ''}`}
    </span>
  );
}

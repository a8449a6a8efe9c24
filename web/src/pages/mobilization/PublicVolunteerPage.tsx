import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Result, Select, Typography } from 'antd';
import { HeartFilled } from '@ant-design/icons';
import { POLITICAL_STATUSES } from '@shared/modules/people/people.schema.ts';
import { PublicVolunteerInput } from '@shared/modules/mobilization/volunteers.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { ApiError } from '../../api/client.ts';
import { publicApi, type PublicCommunity, type PublicVolunteerReceipt } from '../../api/mobilization.ts';
import { applyApiError, zodRule } from '../../components/forms.ts';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { useLabels, useT, type MessageKey } from '../../i18n/index.tsx';
import { translated } from './shared.tsx';
import './mobilization.css';

interface Values {
  name?: string;
  phone?: string;
  politicalStatus?: string;
  skills?: string[];
  availability?: string;
  nodeId?: string;
  note?: string;
}

const FIELDS = ['name', 'phone', 'politicalStatus', 'skills', 'availability', 'nodeId', 'note'];
const SKILLS = ['medic', 'sampling', 'driving', 'counselling', 'logistics', 'data'] as const;
const shape = PublicVolunteerInput.shape;

/** 请战 · 志愿者报名: a public, phone-sized page; no account needed. */
export default function PublicVolunteerPage() {
  const t = useT();
  const { options } = useLabels();
  const [form] = Form.useForm<Values>();
  const [session, setSession] = useState(0);
  // One id per filled-in form: a double tap or a retry after a dropped connection records one sign-up.
  const id = useMemo(() => (session >= 0 ? newId() : ''), [session]);
  const [communities, setCommunities] = useState<PublicCommunity[]>([]);
  const [searching, setSearching] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<PublicVolunteerReceipt | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const search = (q: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setSearching(true);
      publicApi.communities(q.trim() || undefined)
        .then(setCommunities)
        .catch(() => undefined)
        .finally(() => setSearching(false));
    }, 250);
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      setReceipt(await publicApi.signUp({
        id, name: v.name ?? '', phone: v.phone ?? '', politicalStatus: v.politicalStatus ?? '', skills: v.skills ?? [],
        availability: v.availability?.trim() || null, nodeId: v.nodeId ?? '', note: v.note?.trim() || null,
      }));
    } catch (e) {
      const err = translated(e);
      const rest = applyApiError(form, err, FIELDS);
      setError(err instanceof ApiError && rest.length === 0 && err.details.length > 0 ? null : err);
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    setReceipt(null);
    form.resetFields();
    setSession((s) => s + 1);
  };

  return (
    <div className="public-page" data-testid="page-public-volunteer">
      <div className="public-lang"><LangSwitch ghost /></div>
      <div className="public-box">
        <div className="public-head">
          <HeartFilled className="public-icon" />
          <Typography.Title level={3}>{t('mobilization.public.volunteer.title')}</Typography.Title>
          <div className="public-sub">{t('mobilization.public.volunteer.subtitle')}</div>
        </div>
        <Card className="public-card">
          {receipt ? (
            <Result
              status="success"
              title={t('mobilization.public.volunteer.doneTitle')}
              subTitle={t('mobilization.public.volunteer.doneBody', { community: receipt.communityName })}
              extra={<Button onClick={again} data-testid="volunteer-again">{t('mobilization.public.volunteer.again')}</Button>}
              data-testid="volunteer-done"
            />
          ) : (
            <>
              {error ? <Alert type="error" showIcon title={error instanceof Error ? error.message : String(error)} style={{ marginBottom: 12 }} data-testid="api-error" /> : null}
              <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional" size="large" disabled={busy} data-testid="volunteer-form">
                <Form.Item name="name" label={t('mobilization.public.volunteer.name')} rules={[{ required: true, message: t('common.required') }, zodRule(shape.name)]}>
                  <Input maxLength={LIMITS.name} autoComplete="name" data-testid="volunteer-name" />
                </Form.Item>
                <Form.Item name="phone" label={t('mobilization.public.volunteer.phone')} rules={[{ required: true, message: t('common.required') }, zodRule(shape.phone)]}>
                  <Input inputMode="tel" maxLength={20} autoComplete="tel" data-testid="volunteer-phone" />
                </Form.Item>
                <Form.Item name="politicalStatus" label={t('mobilization.public.volunteer.political')} rules={[{ required: true, message: t('common.required') }]}>
                  <Radio.Group optionType="button" buttonStyle="solid" options={options('political', POLITICAL_STATUSES)} data-testid="volunteer-political" />
                </Form.Item>
                <Form.Item name="nodeId" label={t('mobilization.public.volunteer.community')} rules={[{ required: true, message: t('common.required') }]}>
                  <Select
                    showSearch={{ filterOption: false, onSearch: search }}
                    onFocus={() => communities.length === 0 && search('')}
                    loading={searching}
                    placeholder={t('mobilization.public.volunteer.searchCommunity')}
                    options={communities.map((c) => ({ value: c.id, label: c.streetName ? `${c.name}（${c.streetName}）` : c.name }))}
                    data-testid="volunteer-community"
                  />
                </Form.Item>
                <Form.Item name="skills" label={t('mobilization.public.volunteer.skills')} extra={t('mobilization.public.volunteer.skillsHint')}>
                  <Select mode="tags" tokenSeparators={[',', '，', '、']} data-testid="volunteer-skills"
                    options={SKILLS.map((s) => ({ value: t(`mobilization.public.skill.${s}` as MessageKey), label: t(`mobilization.public.skill.${s}` as MessageKey) }))} />
                </Form.Item>
                <Form.Item name="availability" label={t('mobilization.public.volunteer.availability')}>
                  <Input maxLength={200} placeholder={t('mobilization.public.volunteer.availabilityHint')} />
                </Form.Item>
                <Form.Item name="note" label={t('mobilization.public.volunteer.note')}>
                  <Input.TextArea maxLength={LIMITS.note} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('mobilization.public.volunteer.noteHint')} />
                </Form.Item>
                <Button type="primary" htmlType="submit" block loading={busy} data-testid="volunteer-submit">{t('mobilization.public.volunteer.submit')}</Button>
              </Form>
            </>
          )}
        </Card>
        <div className="public-footer">{t('mobilization.public.volunteer.privacy')}</div>
      </div>
    </div>
  );
}

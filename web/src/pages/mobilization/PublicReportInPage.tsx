import { useCallback, useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Spin, Typography } from 'antd';
import { EnvironmentFilled, FlagFilled } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { PublicReportInInput } from '@shared/modules/mobilization/dispatch.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { ApiError } from '../../api/client.ts';
import { publicApi, type PublicReportInResult } from '../../api/mobilization.ts';
import { applyApiError, zodRule } from '../../components/forms.ts';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { useT } from '../../i18n/index.tsx';
import { beijingTime, translated } from './shared.tsx';
import { useLoad } from '../../components/useLoad.ts';
import './mobilization.css';

interface Values {
  name?: string;
  phone?: string;
}

const shape = PublicReportInInput.shape;

/** 下沉人员报到, opened by scanning a community's QR code: name and mobile number, nothing else. */
export default function PublicReportInPage() {
  const t = useT();
  const { token = '' } = useParams();
  const [form] = Form.useForm<Values>();
  const load = useCallback(() => publicApi.reportInPlace(token), [token]);
  const place = useLoad(load);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<PublicReportInResult | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await publicApi.reportIn(token, { name: v.name ?? '', phone: v.phone ?? '' }));
    } catch (e) {
      const err = translated(e);
      const rest = applyApiError(form, err, ['name', 'phone']);
      setError(err instanceof ApiError && rest.length === 0 && err.details.length > 0 ? null : err);
    } finally {
      setBusy(false);
    }
  };

  const invalid = place.error instanceof ApiError && (place.error.status === 404 || place.error.status === 400);
  const time = result ? beijingTime(result.reportedAt, true) : '';

  return (
    <div className="public-page" data-testid="page-public-report-in">
      <div className="public-lang"><LangSwitch ghost /></div>
      <div className="public-box">
        <div className="public-head">
          <FlagFilled className="public-icon" />
          <Typography.Title level={3}>{t('mobilization.public.reportIn.title')}</Typography.Title>
          {place.data && (
            <div className="public-sub" data-testid="report-in-place">
              <EnvironmentFilled /> {t('mobilization.public.reportIn.place', { place: [place.data.parentName, place.data.nodeName].filter(Boolean).join(' · ') })}
            </div>
          )}
        </div>
        <Card className="public-card">
          {place.loading && !place.data && !place.error && <div style={{ textAlign: 'center', padding: 24 }}><Spin /></div>}
          {invalid && <Result status="warning" title={t('mobilization.public.reportIn.invalid')} data-testid="report-in-invalid" />}
          {place.error && !invalid ? <Alert type="error" showIcon title={(place.error as Error).message} /> : null}
          {place.data && result && (
            <Result
              status="success"
              title={result.recorded ? t('mobilization.public.reportIn.doneTitle') : t('mobilization.public.reportIn.doneTitle')}
              subTitle={result.recorded
                ? t('mobilization.public.reportIn.doneBody', { name: result.personName, time, place: result.placeName })
                : t('mobilization.public.reportIn.already', { name: result.personName, time })}
              data-testid="report-in-done"
            />
          )}
          {place.data && !result && (
            <>
              <Typography.Paragraph type="secondary">{t('mobilization.public.reportIn.hint')}</Typography.Paragraph>
              {error ? <Alert type="error" showIcon title={error instanceof Error ? error.message : String(error)} style={{ marginBottom: 12 }} data-testid="api-error" /> : null}
              <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} size="large" disabled={busy} data-testid="report-in-form">
                <Form.Item name="name" label={t('mobilization.public.volunteer.name')} rules={[{ required: true, message: t('common.required') }, zodRule(shape.name)]}>
                  <Input maxLength={LIMITS.name} autoComplete="name" data-testid="report-in-name" />
                </Form.Item>
                <Form.Item name="phone" label={t('mobilization.public.volunteer.phone')} rules={[{ required: true, message: t('common.required') }, zodRule(shape.phone)]}>
                  <Input inputMode="tel" maxLength={20} autoComplete="tel" data-testid="report-in-phone" />
                </Form.Item>
                <Button type="primary" htmlType="submit" block loading={busy} data-testid="report-in-submit">{t('mobilization.public.reportIn.submit')}</Button>
              </Form>
            </>
          )}
        </Card>
      </div>
    </div>
  );
}

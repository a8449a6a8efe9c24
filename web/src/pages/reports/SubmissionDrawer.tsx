import { useEffect, useRef, useState } from 'react';
import {
  Alert, App, Button, Checkbox, Descriptions, Divider, Drawer, Form, Input, Spin, Tag, Timeline, Typography,
} from 'antd';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { reportsApi, type ReportValues, type SubmissionDetail } from '../../api/reports.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import {
  applyDetails, fieldLabel, formatValue, shanghaiText, StatusTag, useDetailText, ValueInputs, ValuesView,
} from './reportsShared.tsx';

interface CorrectionValues {
  values: ReportValues;
  zero: boolean;
  reason: string;
}

/** A report with every revision, newest first, and (when allowed) the correction form. */
export function SubmissionDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const text = useDetailText();
  const [detail, setDetail] = useState<SubmissionDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [rest, setRest] = useState<ReturnType<typeof applyDetails>>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<CorrectionValues>();
  const zero = Form.useWatch('zero', form);
  const attempt = useRef(newId());

  useEffect(() => {
    setDetail(null);
    setError(null);
    setSaveError(null);
    setRest([]);
    if (!id) return;
    let alive = true;
    reportsApi.submission(id).then((d) => {
      if (!alive) return;
      setDetail(d);
      form.setFieldsValue({ values: d.values, zero: false, reason: '' });
    }).catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [id, form]);

  const save = async () => {
    if (!detail) return;
    let v: CorrectionValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setSaveError(null);
    try {
      const updated = await reportsApi.correct(detail.id, { id: attempt.current, zero: !!v.zero, values: v.zero ? {} : v.values, reason: v.reason });
      attempt.current = newId();
      setDetail(updated);
      form.resetFields();
      form.setFieldsValue({ values: updated.values, zero: false });
      void message.success(t('reports.corrected'));
      onChanged();
    } catch (e) {
      setRest(applyDetails(form, e, text, (path) => (path[0] === 'values' || path[0] === 'reason' ? path : null)));
      setSaveError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={!!id} onClose={onClose} size={phone ? '100%' : 560} title={t('reports.detail')} data-testid="submission-drawer">
      <ApiErrorAlert error={error} />
      {!detail && !error && <Spin />}
      {detail && (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'form', label: t('reports.form'), children: detail.formName },
              { key: 'day', label: t('reports.day'), children: detail.day },
              { key: 'who', label: t('reports.reporter'), children: detail.reporterName },
              { key: 'status', label: t('reports.status.submitted'), children: <StatusTag status={detail.late ? 'late' : 'submitted'} zero={detail.isZero} /> },
              { key: 'version', label: t('reports.formVersion'), children: `v${detail.formVersion}` },
            ]}
          />
          <Divider titlePlacement="start">{t('reports.revision', { n: detail.revision })}</Divider>
          <ValuesView fields={detail.fields} values={detail.values} />
          <Divider titlePlacement="start">{t('reports.revisions')}</Divider>
          <Timeline
            data-testid="submission-revisions"
            items={detail.revisions.map((r) => ({
              color: r.revision === detail.revision ? 'red' : 'gray',
              content: (
                <div>
                  <Typography.Text strong>{t('reports.revision', { n: r.revision })}</Typography.Text>{' '}
                  {r.isZero && <Tag color="blue">{t('reports.status.zero')}</Tag>}
                  <div style={{ fontSize: 12, color: '#888' }}>{t('reports.madeBy', { name: r.madeByName, time: shanghaiText(r.madeAt, 'full') })}</div>
                  <div>{r.reason ?? t('reports.firstVersion')}</div>
                  <div style={{ fontSize: 12 }}>
                    {detail.fields.map((f) => `${fieldLabel(f, lang)} ${formatValue(f, r.values[f.key], t('reports.yes'), t('reports.no'))}`).join('；')}
                  </div>
                </div>
              ),
            }))}
          />
          {detail.canCorrect ? (
            <>
              <Divider titlePlacement="start">{t('reports.correct')}</Divider>
              <ApiErrorAlert error={saveError} details={rest} />
              <Form form={form} layout="vertical" requiredMark="optional" data-testid="correction-form">
                <Form.Item name="zero" valuePropName="checked">
                  <Checkbox>{t('reports.zero')}</Checkbox>
                </Form.Item>
                {!zero && <ValueInputs fields={detail.fields} />}
                <Form.Item name="reason" label={t('reports.correctReason')} rules={[{ required: true, whitespace: true, message: t('reports.field_required') }]}>
                  <Input maxLength={LIMITS.note} placeholder={t('reports.correctReasonPlaceholder')} data-testid="correction-reason" />
                </Form.Item>
                <Button type="primary" loading={busy} onClick={() => void save()} block={phone} data-testid="correction-submit">
                  {t('reports.correct')}
                </Button>
              </Form>
            </>
          ) : (
            <Alert type="info" showIcon title={t('reports.correctionClosedHint')} />
          )}
        </>
      )}
    </Drawer>
  );
}

import { useCallback, useState } from 'react';
import { Alert, Button, Card, Form, Result, Spin, Typography } from 'antd';
import { AuditOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { declarationsApi, type DeclarationView, type PublicDeclarationView } from '../../api/declarations.ts';
import { applyApiError } from '../../components/forms.ts';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { DECLARATION_FIELDS, DeclarationFields, DeclarationSummary, EMPTY_DECLARATION, toDeclaration } from './DeclarationFields.tsx';
import './declarations.css';
import { dateTime } from '../../components/shanghaiTime.ts';

const shanghaiTime = dateTime;

/** 个人填报: opened from a personal link on a phone, without signing in. */
export default function PublicDeclarationPage() {
  const t = useT();
  const { token = '' } = useParams();
  const [form] = Form.useForm<DeclarationView>();
  const load = useCallback(() => declarationsApi.publicView(token), [token]);
  const page = useLoad(load);
  const [saved, setSaved] = useState<PublicDeclarationView | null>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const view = saved ?? page.data;
  const invalid = page.error instanceof ApiError && (page.error.status === 404 || page.error.status === 400);
  const showForm = !!view && view.open && (editing || !view.declaration);

  const submit = async (v: DeclarationView) => {
    setBusy(true);
    setError(null);
    try {
      setSaved(await declarationsApi.publicDeclare(token, toDeclaration(v)));
      setEditing(false);
    } catch (e) {
      const rest = applyApiError(form, e, DECLARATION_FIELDS);
      setError(rest.length > 0 || !(e instanceof ApiError) || e.details.length === 0 ? e : null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="decl-public" data-testid="page-public-declaration">
      <div className="decl-public-lang"><LangSwitch ghost /></div>
      <div className="decl-public-box">
        <div className="decl-public-head">
          <AuditOutlined className="decl-public-icon" />
          <Typography.Title level={3}>{view?.title ?? t('declarations.public.title')}</Typography.Title>
          {view && <div>{t('declarations.public.period', { unit: view.unitName, from: view.startsOn, to: view.endsOn })}</div>}
        </div>
        <Card>
          {page.loading && !page.data && !page.error && <div style={{ textAlign: 'center', padding: 24 }}><Spin /></div>}
          {invalid && <Result status="warning" title={t('declarations.public.invalid')} data-testid="declare-invalid" />}
          {page.error && !invalid ? <Alert type="error" showIcon message={(page.error as Error).message} /> : null}
          {view && <Typography.Title level={4}>{t('declarations.public.hello', { name: view.name })}</Typography.Title>}
          {view && !view.open && <Alert type="info" showIcon message={t('declarations.public.closed')} style={{ marginBottom: 12 }} />}
          {view?.declaration && !showForm && (
            <Result status="success" title={t('declarations.public.done')} data-testid="declare-done"
              subTitle={<><div><DeclarationSummary d={view.declaration} /></div>{view.declaredAt && <div>{t('declarations.public.doneBody', { time: shanghaiTime(view.declaredAt) })}</div>}</>}
              extra={view.open && <Button size="large" onClick={() => { form.setFieldsValue(view.declaration!); setEditing(true); }}>{t('declarations.public.again')}</Button>} />
          )}
          {showForm && (
            <>
              {error ? <Alert type="error" showIcon message={(error as Error).message} style={{ marginBottom: 12 }} /> : null}
              <Form form={form} layout="vertical" initialValues={view.declaration ?? EMPTY_DECLARATION} onFinish={(v) => void submit(v)}
                requiredMark={false} disabled={busy} data-testid="declare-form">
                <DeclarationFields />
                <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="declare-submit">
                  {view.declaration ? t('declarations.public.update') : t('declarations.public.submit')}
                </Button>
              </Form>
            </>
          )}
        </Card>
      </div>
    </div>
  );
}

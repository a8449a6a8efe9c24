import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyCertificateFilled, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { LIMITS } from '@shared/platform/validation.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { useT } from '../i18n/index.tsx';
import { useAuth } from './AuthContext.tsx';
import './login.css';

export default function LoginPage() {
  const t = useT();
  const { state, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (state.status === 'signed-in') return <Navigate to={from} replace />;

  const onFinish = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(from, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LangSwitch ghost />
      </div>
      <div className="login-box">
        <div className="login-brand">
          <SafetyCertificateFilled className="login-logo" />
          <Typography.Title level={2} style={{ margin: 0, color: '#fff' }}>
            {t('app.title')}
          </Typography.Title>
          <div className="login-subtitle">{t('app.subtitle')}</div>
        </div>
        <Card className="login-card">
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="login-title">
            {t('app.fullTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('auth.loginHint')}</Typography.Paragraph>
          <ApiErrorAlert error={error} testId="login-error" />
          <Form layout="vertical" onFinish={onFinish} requiredMark={false} size="large" disabled={busy}>
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoCapitalize="none"
                maxLength={LIMITS.username}
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={LIMITS.passwordMax} data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('auth.login')}
            </Button>
          </Form>
        </Card>
        <div className="login-footer">{t('auth.footer')}</div>
      </div>
    </div>
  );
}

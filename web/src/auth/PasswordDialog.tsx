import { App, Alert, Form, Input, Modal } from 'antd';
import { PasswordChangeInput } from '@shared/modules/accounts/accounts.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { authApi } from '../api/auth.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { zodRule } from '../components/forms.ts';
import { useFormDialog } from '../components/useFormDialog.ts';
import { useT } from '../i18n/index.tsx';
import { useAuth } from './AuthContext.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change the own password. `forced` when the account must change it before doing anything else. */
export function PasswordDialog({ open, forced, onClose }: { open: boolean; forced?: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { refresh, logout } = useAuth();
  const [form] = Form.useForm<Values>();
  const { busy, error, rest, submit } = useFormDialog<Values>({
    open, form, fields: ['currentPassword', 'newPassword'],
    onSubmit: async (values) => {
      await authApi.changePassword(values.currentPassword, values.newPassword);
      void message.success(t('auth.passwordChanged'));
      form.resetFields();
      await refresh();
      onClose();
    },
  });

  return (
    <Modal
      open={open}
      title={t('auth.changePassword')}
      onOk={submit}
      okText={t('common.save')}
      cancelText={forced ? t('auth.logout') : t('common.cancel')}
      onCancel={forced ? () => void logout() : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'password-submit' }}
    >
      {forced && <Alert type="warning" showIcon title={t('auth.mustChange')} style={{ marginBottom: 16 }} />}
      <ApiErrorAlert error={error} details={rest} />
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" maxLength={LIMITS.passwordMax} data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          rules={[{ required: true, message: t('auth.passwordRequired') }, zodRule(PasswordChangeInput.shape.newPassword)]}
        >
          <Input.Password
            autoComplete="new-password"
            maxLength={LIMITS.passwordMax}
            placeholder={t('auth.passwordRule', { min: LIMITS.passwordMin })}
            data-testid="password-new"
          />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: async (_r, v: string) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error(t('auth.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} data-testid="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

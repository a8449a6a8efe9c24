import { Button, Drawer, Form, Space } from 'antd';
import { useIsPhone } from './useIsPhone.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { useFormDialog, type FormFrameProps } from './useFormDialog.ts';
import { useT } from '../i18n/index.tsx';

/** A side drawer around an antd form (longer forms than FormModal's); full screen on a phone. */
export function FormDrawer<V extends object>({ open, title, form, initialValues, fields, onSubmit, onClose, children, testId, width }: FormFrameProps<V>) {
  const t = useT();
  const phone = useIsPhone();
  const { busy, error, rest, submit } = useFormDialog({ open, form, initialValues, fields, onSubmit });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={phone ? '100%' : (width ?? 480)}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => void submit()} loading={busy} data-testid={testId ? `${testId}-submit` : undefined}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ApiErrorAlert error={error} details={rest} />
      <Form form={form} layout="vertical" requiredMark="optional" data-testid={testId ? `${testId}-form` : undefined}>
        {children}
      </Form>
    </Drawer>
  );
}

import { Form, Modal } from 'antd';
import { useIsPhone } from './useIsPhone.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { useFormDialog, type FormFrameProps } from './useFormDialog.ts';
import { useT } from '../i18n/index.tsx';

/** A dialog around an antd form: validates, submits, shows server errors under fields or above the form. */
export function FormModal<V extends object>({ open, title, form, initialValues, fields, onSubmit, onClose, children, testId, width }: FormFrameProps<V>) {
  const t = useT();
  const phone = useIsPhone();
  const { busy, error, rest, submit } = useFormDialog({ open, form, initialValues, fields, onSubmit });

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      forceRender
      width={phone ? undefined : (width ?? 560)}
      okButtonProps={testId ? { 'data-testid': `${testId}-submit` } : undefined}
    >
      <ApiErrorAlert error={error} details={rest} />
      <Form form={form} layout="vertical" requiredMark="optional" data-testid={testId ? `${testId}-form` : undefined}>
        {children}
      </Form>
    </Modal>
  );
}

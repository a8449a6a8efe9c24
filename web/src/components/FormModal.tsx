import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useIsPhone } from './useIsPhone.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { applyApiError, validValues } from './forms.ts';
import { useT } from '../i18n/index.tsx';

interface Props<V> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  /** Values to show when the dialog opens (undefined: an empty form). */
  initialValues?: Partial<V>;
  /** Field names, so the server's per-field details land under the right inputs. */
  fields: string[];
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  width?: number;
}

/** A dialog around an antd form: validates, submits, shows server errors under fields or above the form. */
export function FormModal<V extends object>({ open, title, form, initialValues, fields, onSubmit, onClose, children, testId, width }: Props<V>) {
  const t = useT();
  const phone = useIsPhone();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rest, setRest] = useState<ReturnType<typeof applyApiError>>([]);
  // Read when the dialog opens only, so a parent re-render does not wipe what the user typed.
  const initial = useRef(initialValues);
  initial.current = initialValues;

  useEffect(() => {
    if (!open) return;
    setError(null);
    setRest([]);
    form.resetFields();
    if (initial.current) form.setFieldsValue(initial.current as Parameters<typeof form.setFieldsValue>[0]);
  }, [open, form]);

  const submit = async () => {
    const values = await validValues(form);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      setRest(applyApiError(form, e, fields));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

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

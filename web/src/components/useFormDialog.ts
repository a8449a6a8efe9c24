import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { FormInstance } from 'antd';
import { applyApiError, validValues } from './forms.ts';

export interface FormDialogProps<V> {
  open: boolean;
  form: FormInstance<V>;
  /** Values to show when the dialog opens (undefined: an empty form). */
  initialValues?: Partial<V>;
  /** Field names, so the server's per-field details land under the right inputs. */
  fields: string[];
  onSubmit: (values: V) => Promise<void>;
}

/** What FormModal and FormDrawer take: the form's state plus the frame around it. */
export interface FormFrameProps<V> extends FormDialogProps<V> {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** Names the save button (`<testId>-submit`) and the form (`<testId>-form`). */
  testId?: string;
  width?: number;
}

/**
 * The state of a form in a dialog or drawer: reset to `initialValues` each time it opens, validated on submit,
 * busy while saving, and the server's refusal shown under the fields it names (the rest above the form).
 */
export function useFormDialog<V extends object>({ open, form, initialValues, fields, onSubmit }: FormDialogProps<V>) {
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

  return { busy, error, rest, submit };
}

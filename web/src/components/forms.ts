import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ZodType } from 'zod';
import type { ErrorDetail } from '@shared/platform/errors.ts';
import { ApiError } from '../api/client.ts';
import { fieldText, syncZodLocale } from '../i18n/fields.ts';

function firstIssue(schema: ZodType, value: unknown): string | null {
  syncZodLocale();
  const result = schema.safeParse(value);
  return result.success ? null : fieldText(result.error.issues[0]?.message ?? '');
}

/** An antd rule that runs a shared zod schema; the message is zod's (localised) or a FIELD_MESSAGES key translated. */
export function zodRule(schema: ZodType, options: { optional?: boolean } = {}): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (options.optional && (value === undefined || value === null || value === '')) return;
      const message = firstIssue(schema, value ?? '');
      if (message) throw new Error(message);
    },
  };
}

/** Blank strings become null so optional fields clear on the server rather than fail validation. */
export function blankToNull<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'string' && v.trim() === '' ? null : v;
  return out as T;
}

/**
 * Shows the server's per-field messages under the matching form fields. Returns the details that did not
 * match a field, for the caller to show beside the form.
 */
export function applyApiError(form: FormInstance, error: unknown, fieldNames?: string[]): ErrorDetail[] {
  if (!(error instanceof ApiError)) return [];
  const names = new Set(fieldNames ?? Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const unmatched: ErrorDetail[] = [];
  const byField = new Map<string, string[]>();
  for (const d of error.details) {
    const field = d.path?.split('.')[0];
    if (field && names.has(field)) byField.set(field, [...(byField.get(field) ?? []), d.message]);
    else unmatched.push(d);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unmatched;
}

export { errorMessage } from './errorMessage.ts';

/** The form's values, or null when a field is invalid (antd already shows the messages under the fields). */
export async function validValues<V>(form: FormInstance<V>): Promise<V | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}

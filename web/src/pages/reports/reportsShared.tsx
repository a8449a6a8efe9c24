import { useCallback, useEffect, useState } from 'react';
import { DatePicker, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Tag, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { shanghaiDay } from '@shared/platform/clock.ts';
import type { ErrorDetail } from '@shared/platform/errors.ts';
import { ApiError } from '../../api/client.ts';
import { reportsApi, type ReportField, type ReportFormView, type ReportValues } from '../../api/reports.ts';
import { useLang, useT, type MessageKey } from '../../i18n/index.tsx';

// Pieces shared by the tabs of the reports page.

export function todayInShanghai(): string {
  return shanghaiDay(new Date());
}

/** An instant as Shanghai wall-clock text ('MM-DD HH:mm' or with the year): days and deadlines are Shanghai's, whatever the browser's zone. */
export function shanghaiText(iso: string, format: 'time' | 'short' | 'full' = 'short'): string {
  const text = new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString();
  if (format === 'time') return text.slice(11, 16);
  return format === 'full' ? `${text.slice(0, 10)} ${text.slice(11, 16)}` : `${text.slice(5, 10)} ${text.slice(11, 16)}`;
}

/** The server's field messages are our 'reports.*' keys until the platform table has them; show them in the user's language. */
export function useDetailText() {
  const t = useT();
  return useCallback((message: string) => (/^reports\.[a-z_]+$/.test(message) ? t(message as MessageKey) : message), [t]);
}

export function useReportForms(enabled = true) {
  const [forms, setForms] = useState<ReportFormView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    if (!enabled) return;
    try {
      setForms(await reportsApi.forms());
      setError(null);
    } catch (e) {
      setError(e);
      setForms([]);
    }
  }, [enabled]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { forms, error, reload };
}

export function fieldLabel(f: ReportField, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? f.labelZh : f.labelEn;
}

/** Form picker and Shanghai day picker, the head of the chase and roll-up tabs. */
export function FormDayBar({ forms, formId, onForm, day, onDay, phone }: {
  forms: ReportFormView[];
  formId: string | undefined;
  onForm: (id: string) => void;
  day: string;
  onDay: (day: string) => void;
  phone: boolean;
}) {
  const t = useT();
  return (
    <>
      <Select
        style={{ width: phone ? '100%' : 260 }}
        value={formId}
        onChange={onForm}
        placeholder={t('reports.form')}
        options={forms.map((f) => ({ value: f.id, label: f.name }))}
        data-testid="reports-form-select"
      />
      <DatePicker
        allowClear={false}
        value={dayjs(day)}
        onChange={(d) => d && onDay(d.format('YYYY-MM-DD'))}
        disabledDate={(d) => d.format('YYYY-MM-DD') > todayInShanghai()}
        style={{ width: phone ? '100%' : 160 }}
        data-testid="reports-day"
      />
    </>
  );
}

export function StatusTag({ status, zero }: { status: 'missing' | 'submitted' | 'late'; zero?: boolean }) {
  const t = useT();
  const color = status === 'missing' ? 'red' : status === 'late' ? 'orange' : 'green';
  return (
    <Space size={4}>
      <Tag color={color} data-testid="report-status">{t(`reports.status.${status}`)}</Tag>
      {zero && <Tag color="blue">{t('reports.status.zero')}</Tag>}
    </Space>
  );
}

export function formatValue(f: ReportField, v: ReportValues[string] | undefined, yes: string, no: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (f.type === 'boolean') return v ? yes : no;
  return String(v);
}

export function ValuesView({ fields, values }: { fields: ReportField[]; values: ReportValues }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, md: 3 }}
      items={fields.map((f) => ({ key: f.key, label: fieldLabel(f, lang), children: formatValue(f, values[f.key], t('reports.yes'), t('reports.no')) }))}
    />
  );
}

/** The inputs of a form version's fields, under `values.<key>` of an antd Form. */
export function ValueInputs({ fields, disabled }: { fields: ReportField[]; disabled?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <div className="report-fields">
      {fields.map((f) => (
        <Form.Item
          key={f.key}
          name={['values', f.key]}
          label={fieldLabel(f, lang)}
          rules={f.required ? [{ required: true, message: t('reports.field_required') }] : undefined}
        >
          {f.type === 'integer' ? (
            <InputNumber min={f.min ?? 0} max={f.max ?? undefined} precision={0} style={{ width: '100%' }} inputMode="numeric" disabled={disabled} data-testid={`value-${f.key}`} />
          ) : f.type === 'boolean' ? (
            <Radio.Group
              disabled={disabled}
              optionType="button"
              options={[{ value: true, label: t('reports.yes') }, { value: false, label: t('reports.no') }]}
              data-testid={`value-${f.key}`}
            />
          ) : (
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} disabled={disabled} data-testid={`value-${f.key}`} />
          )}
        </Form.Item>
      ))}
    </div>
  );
}

type FieldName = Array<string | number>;

/**
 * Puts the server's details (`values.close_contacts`, `fields.2.key`) under the matching inputs; `nameOf` maps a
 * detail's path to an input's name, or null. Returns the details that matched no input.
 */
export function applyDetails<V>(
  form: FormInstance<V>, error: unknown, text: (m: string) => string, nameOf: (path: FieldName) => FieldName | null,
): ErrorDetail[] {
  if (!(error instanceof ApiError)) return [];
  const rest: ErrorDetail[] = [];
  const fields = new Map<string, { name: FieldName; errors: string[] }>();
  for (const d of error.details) {
    const path = (d.path ?? '').split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const name = path.length ? nameOf(path) : null;
    if (!name) {
      rest.push({ ...d, message: text(d.message) });
      continue;
    }
    const at = fields.get(name.join('.')) ?? { name, errors: [] };
    at.errors.push(text(d.message));
    fields.set(name.join('.'), at);
  }
  form.setFields([...fields.values()] as Parameters<FormInstance<V>["setFields"]>[0]);
  return rest;
}

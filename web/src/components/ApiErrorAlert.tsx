import { Alert } from 'antd';
import type { ErrorDetail } from '@shared/platform/errors.ts';
import { ApiError } from '../api/client.ts';
import { getLang } from '../i18n/index.tsx';
import { LABELS, labelOf } from '../i18n/labels.ts';
import { errorMessage } from './errorMessage.ts';

export function detailText(d: ErrorDetail): string {
  // HAS_DEPENDENTS lists counts by kind ({ path: 'children', message: '5' }): show "下级辖区：5".
  if (d.path && d.path in LABELS.dependent) return `${labelOf('dependent', d.path, getLang())}：${d.message}`;
  const where = [d.row !== undefined ? `#${d.row}` : '', d.column ?? '', d.row === undefined && !d.column ? d.path ?? '' : '']
    .filter(Boolean)
    .join(' ');
  return where ? `${where}：${d.message}` : d.message;
}

/** The server's message and whatever details no form field took. */
export function ApiErrorAlert({ error, details, testId }: { error: unknown; details?: ErrorDetail[]; testId?: string }) {
  if (!error) return null;
  const rest = details ?? (error instanceof ApiError ? error.details : []);
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId ?? 'api-error'}
      title={errorMessage(error)}
      description={
        rest.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {rest.slice(0, 20).map((d, i) => (
              <li key={i}>{detailText(d)}</li>
            ))}
            {rest.length > 20 && <li>… (+{rest.length - 20})</li>}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

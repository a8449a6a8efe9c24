import { useCallback } from 'react';
import { ApiError } from '../../api/client.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { fieldText } from '../../i18n/fields.ts';

/** A rule key ('duty.rest') in the user's language; the server already sends most of them translated. */
export function dutyText(message: string): string {
  return fieldText(message);
}

/** The same error with every rule key in its details rendered as text. */
export function withDutyText(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError(error.code, error.status, error.message, error.details.map((d) => ({ ...d, message: dutyText(d.message) })));
}

/** useReportError for duty actions: toast or dialog, with the rules that refused the change spelled out (no field name). */
export function useDutyError() {
  const report = useReportError();
  return useCallback((error: unknown, title?: string) => {
    if (!(error instanceof ApiError)) return report(error, title);
    const details = error.details.map((d) => ({ message: dutyText(d.message) }));
    return report(new ApiError(error.code, error.status, error.message, details), title);
  }, [report]);
}

import { useState } from 'react';
import { App, Tag } from 'antd';
import type { ErrorDetail } from '@shared/platform/errors.ts';
import { ApiError } from '../../api/client.ts';
import type { MemberStatus, VolunteerStatus } from '../../api/mobilization.ts';
import { fieldText } from '../../i18n/fields.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useT, type MessageKey, type TFunction } from '../../i18n/index.tsx';

// Small pieces the mobilisation pages share.

/** A rule message of this module ('mobilization.*') or any platform key, in the user's language. */
function mobText(message: string): string {
  return fieldText(message);
}

/** Server details with this module's message keys translated (the platform table may not list them yet). */
function localDetails(details: ErrorDetail[]): ErrorDetail[] {
  return details.map((d) => ({ ...d, message: mobText(d.message) }));
}

/** The same error with this module's message keys translated, for forms and alerts. */
export function translated(error: unknown): unknown {
  return error instanceof ApiError ? new ApiError(error.code, error.status, error.message, localDetails(error.details)) : error;
}

/** Runs a call and rethrows its error with translated details (FormModal shows them under the fields). */
export async function withTexts<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw translated(e);
  }
}

const STATUS_COLORS: Record<MemberStatus, string> = { expected: 'default', reported: 'processing', assigned: 'success' };

export function MemberStatusTag({ status, t }: { status: MemberStatus; t: TFunction }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`status-${status}`}>
      {t(`mobilization.memberStatus.${status}` as MessageKey)}
    </Tag>
  );
}

const VOLUNTEER_COLORS: Record<VolunteerStatus, string> = { pending: 'orange', approved: 'green', declined: 'default' };

export function VolunteerStatusTag({ status, t }: { status: VolunteerStatus; t: TFunction }) {
  return <Tag color={VOLUNTEER_COLORS[status]}>{t(`mobilization.volunteer.status.${status}` as MessageKey)}</Tag>;
}

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** An instant as Beijing wall-clock time ('2026-02-21 16:05'; without the year: '02-21 16:05'), whatever the device's zone. */
export function beijingTime(iso: string, withYear = false): string {
  const parts = Object.fromEntries(BEIJING.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const day = `${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  return withYear ? `${parts.year}-${day}` : day;
}

/** A timestamp for lists: Beijing time, with the year only when it is not this year. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  return beijingTime(iso, beijingTime(iso, true).slice(0, 4) !== beijingTime(new Date().toISOString(), true).slice(0, 4));
}

export function period(from: string, until: string | null, t: TFunction): string {
  return `${from} ~ ${until ?? t('mobilization.ongoing')}`;
}

/**
 * Adding and removing the people of a batch or team in its drawer: busy while adding, the drawer and its list
 * reloaded after either, a refusal shown with this module's messages.
 */
export function useMemberEdits(reload: () => unknown, onChanged: () => void) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);

  const changed = () => {
    void reload();
    onChanged();
  };

  const add = async (work: () => Promise<unknown>, reset: () => void) => {
    setBusy(true);
    try {
      await work();
      reset();
      void message.success(t('common.saved'));
      changed();
    } catch (e) {
      reportError(translated(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (work: () => Promise<unknown>) => {
    try {
      await work();
      changed();
    } catch (e) {
      reportError(translated(e));
    }
  };

  return { busy, add, remove };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Result, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, EnvironmentOutlined, LoginOutlined, LogoutOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import type { CheckinShiftView } from '@shared/modules/duty/attendance.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { ApiError } from '../../api/client.ts';
import { dutyApi, type AttendanceView, type CheckinContextView } from '../../api/duty.ts';
import { errorMessage } from '../../components/errorMessage.ts';
import { useT } from '../../i18n/index.tsx';
import { dutyText } from './dutyErrors.ts';
import { crossesMidnight, dayTime, hhmm } from './time.ts';
import './duty.css';

/**
 * The page a guard's phone opens by scanning the post's QR code: the post, their shift now, and one big button
 * — 签到 or 签退 — that a cold thumb can hit. Each tap carries a client id, so a retry after a lost answer does
 * not check in twice.
 */
export default function CheckinPage() {
  const t = useT();
  const { token = '' } = useParams();
  const [ctx, setCtx] = useState<CheckinContextView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [done, setDone] = useState<{ kind: 'in' | 'out'; record: AttendanceView } | null>(null);
  // Kept until the server answers, so a retried tap reuses it.
  const pending = useRef<{ kind: 'in' | 'out'; id: string } | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setCtx(await dutyApi.checkinContext(token));
    } catch (e) {
      setLoadError(e);
    }
  }, [token]);
  useEffect(() => {
    void load();
  }, [load]);

  const tap = async (kind: 'in' | 'out') => {
    if (!pending.current || pending.current.kind !== kind) pending.current = { kind, id: newId() };
    setBusy(true);
    setActionError(null);
    try {
      const record = await dutyApi.checkin({ id: pending.current.id, kind, token });
      pending.current = null;
      setDone({ kind, record });
      void load();
    } catch (e) {
      // A refusal is final for this id; a network failure keeps it for the retry.
      if (e instanceof ApiError && e.code !== 'NETWORK') pending.current = null;
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    const gone = loadError instanceof ApiError && loadError.code === 'NOT_FOUND';
    return (
      <div className="checkin-page" data-testid="checkin-page">
        <Result status={gone ? '404' : 'error'} title={gone ? t('duty.checkin.badCode') : errorMessage(loadError)}
          extra={<Button size="large" icon={<ReloadOutlined />} onClick={() => void load()}>{t('common.refresh')}</Button>} />
      </div>
    );
  }
  if (!ctx) return <div className="checkin-page checkin-loading"><Spin size="large" /></div>;

  const shift = ctx.current;
  const attendance = shift?.attendance ?? null;
  return (
    <div className="checkin-page" data-testid="checkin-page">
      <div className="checkin-post" data-testid="checkin-post">
        <div className="checkin-post-name">{ctx.post.name}</div>
        <div className="checkin-post-place">
          <EnvironmentOutlined /> {ctx.post.nodeName} · {t(`duty.kind.${ctx.post.kind}` as 'duty.kind.gate')}
        </div>
        {ctx.post.phone && <a className="checkin-post-phone" href={`tel:${ctx.post.phone}`}><PhoneOutlined /> {ctx.post.phone}</a>}
      </div>

      {ctx.person && <div className="checkin-person">{t('duty.checkin.hello', { name: ctx.person.name })}</div>}

      {done && (
        <div className="checkin-done" data-testid="checkin-success">
          <CheckCircleFilled className="checkin-done-icon" />
          <div className="checkin-done-title">{done.kind === 'in' ? t('duty.checkin.inDone') : t('duty.checkin.outDone')}</div>
          <div className="checkin-done-time">
            {hhmm(done.kind === 'in' ? done.record.checkedInAt : done.record.checkedOutAt)}
            {done.kind === 'in' && done.record.lateMinutes > 0 && <Tag color="orange" style={{ marginInlineStart: 8 }}>{t('duty.lateBy', { n: done.record.lateMinutes })}</Tag>}
          </div>
        </div>
      )}

      {actionError ? (
        <Alert type="error" showIcon data-testid="checkin-error" style={{ margin: '12px 0' }} title={errorMessage(actionError)}
          description={actionError instanceof ApiError && actionError.details.length > 0 ? actionError.details.map((d) => dutyText(d.message)).join('；') : undefined} />
      ) : null}

      {!ctx.person && <Alert type="warning" showIcon title={t('duty.checkin.noPerson')} data-testid="checkin-no-person" />}

      {ctx.person && shift && (
        <div className="checkin-shift" data-testid="checkin-shift">
          <div className="checkin-shift-label">{t('duty.checkin.yourShift')}</div>
          <div className="checkin-shift-name">{shift.name}</div>
          <div className="checkin-shift-time">{shiftTime(shift, t('duty.nextDay'))}</div>
          <div className="checkin-shift-state">
            {!attendance && <Tag color="default">{t('duty.notCheckedIn')}</Tag>}
            {attendance && !attendance.checkedOutAt && <Tag color="green">{t('duty.checkedInAt', { time: hhmm(attendance.checkedInAt) })}</Tag>}
            {attendance?.checkedOutAt && <Tag>{t('duty.checkedOutAt', { time: hhmm(attendance.checkedOutAt) })}</Tag>}
          </div>
        </div>
      )}

      {ctx.person && shift && !attendance && (
        <Button type="primary" className="checkin-button checkin-button-in" icon={<LoginOutlined />} loading={busy} onClick={() => void tap('in')} data-testid="checkin-in" block>
          {t('duty.checkin.in')}
        </Button>
      )}
      {ctx.person && shift && attendance && !attendance.checkedOutAt && (
        <Button className="checkin-button checkin-button-out" icon={<LogoutOutlined />} loading={busy} onClick={() => void tap('out')} data-testid="checkin-out" block>
          {t('duty.checkin.out')}
        </Button>
      )}

      {ctx.person && !shift && (
        <div className="checkin-shift checkin-none" data-testid="checkin-none">
          <Typography.Paragraph style={{ fontSize: 18, marginBottom: 8 }}>{t('duty.checkin.noShift')}</Typography.Paragraph>
          {ctx.next && <Typography.Paragraph type="secondary" style={{ fontSize: 16 }}>{t('duty.checkin.next', { when: `${dayTime(ctx.next.startsAt)}`, name: ctx.next.name })}</Typography.Paragraph>}
        </div>
      )}

      <Button type="text" size="large" icon={<ReloadOutlined />} onClick={() => void load()} className="checkin-refresh">{t('common.refresh')}</Button>
    </div>
  );
}

function shiftTime(s: CheckinShiftView, nextDay: string): string {
  return `${dayTime(s.startsAt)} – ${crossesMidnight(s.startsAt, s.endsAt) ? nextDay : ''}${hhmm(s.endsAt)}`;
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Empty, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, LeftOutlined, RightOutlined, ScheduleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { ShiftView } from '@shared/modules/duty/roster.schema.ts';
import { dutyApi, type AutoFillResult, type RosterView } from '../../api/duty.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { AutoFillModal } from './AutoFillModal.tsx';
import { useDutyError } from './dutyErrors.ts';
import type { DutyTabProps } from './dutyTypes.ts';
import { ShiftDrawer } from './ShiftDrawer.tsx';
import { addDays, hhmm, isoWeekday, mondayOf, span, today } from './time.ts';

type RosterPost = RosterView['posts'][number];

/** The week roster: per post a grid of days × shifts; names in each cell, gaps in red; the assistant on a button. */
export function RosterTab({ nodeId, canWrite, compact }: DutyTabProps) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useDutyError();
  const [weekStart, setWeekStart] = useState(() => mondayOf(today()));
  const [roster, setRoster] = useState<RosterView | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'generate' | 'fill' | null>(null);
  const [result, setResult] = useState<AutoFillResult | null>(null);
  const [open, setOpen] = useState<{ shift: ShiftView; post: RosterPost } | null>(null);

  const reload = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setRoster(await dutyApi.roster(weekStart, { nodeId }));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [weekStart, nodeId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  // Keep the open drawer showing the shift as it is after a change.
  const current = useMemo(() => {
    if (!open || !roster) return open;
    const post = roster.posts.find((p) => p.id === open.post.id);
    const shift = post?.shifts.find((s) => s.id === open.shift.id);
    return post && shift ? { post, shift } : open;
  }, [open, roster]);

  const generate = async () => {
    setBusy('generate');
    try {
      const r = await dutyApi.generate(weekStart, { nodeId });
      void message.success(t('duty.generated', { n: r.generated }));
      await reload();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const autoFill = async () => {
    setBusy('fill');
    try {
      setResult(await dutyApi.autoFill(weekStart, { nodeId, poolNodeId: nodeId }));
      await reload();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const days = roster?.days ?? Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const gaps = roster?.posts.reduce((n, p) => n + p.shifts.reduce((m, s) => m + s.missing, 0), 0) ?? 0;

  return (
    <div data-testid="duty-roster">
      <div className="filter-bar duty-week-bar">
        <Space.Compact style={compact ? { width: '100%' } : undefined}>
          <Button icon={<LeftOutlined />} onClick={() => setWeekStart(addDays(weekStart, -7))} aria-label={t('duty.prevWeek')} data-testid="week-prev" />
          <Button onClick={() => setWeekStart(mondayOf(today()))} data-testid="week-this" style={compact ? { flex: 1 } : undefined}>
            {t('duty.weekOf', { from: days[0].slice(5), to: days[6].slice(5) })}
          </Button>
          <Button icon={<RightOutlined />} onClick={() => setWeekStart(addDays(weekStart, 7))} aria-label={t('duty.nextWeek')} data-testid="week-next" />
        </Space.Compact>
        {canWrite && (
          <div className="duty-roster-actions">
            <Button icon={<ScheduleOutlined />} loading={busy === 'generate'} onClick={() => void generate()} data-testid="roster-generate">
              {t('duty.generate')}
            </Button>
            <Button type="primary" icon={<ThunderboltOutlined />} loading={busy === 'fill'} onClick={() => void autoFill()} data-testid="roster-autofill">
              {t('duty.autoFill')}
            </Button>
          </div>
        )}
        {roster && gaps > 0 && <Tag color="red" data-testid="roster-gaps">{t('duty.gapsTotal', { n: gaps })}</Tag>}
      </div>
      <ApiErrorAlert error={error} />
      {loading && !roster ? <div className="app-loading"><Spin /></div> : null}
      {roster && roster.posts.length === 0 && <Empty description={t('duty.noPosts')} />}
      {roster?.posts.map((post) => (
        <Card
          key={post.id}
          size="small"
          className="duty-roster-post"
          title={<span>{post.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{post.nodeName}</Typography.Text></span>}
          data-testid="roster-post"
        >
          {post.shifts.length === 0
            ? <Typography.Text type="secondary">{canWrite ? t('duty.noShiftsYet') : t('duty.noShifts')}</Typography.Text>
            : compact
              ? <PhoneWeek post={post} days={days} onOpen={(shift) => setOpen({ shift, post })} />
              : <WeekGrid post={post} days={days} onOpen={(shift) => setOpen({ shift, post })} />}
        </Card>
      ))}
      <AutoFillModal result={result} onClose={() => setResult(null)} />
      {current && (
        <ShiftDrawer shift={current.shift} postName={current.post.name} canWrite={canWrite} onClose={() => setOpen(null)} onChanged={() => void reload()} />
      )}
    </div>
  );
}

/** The names in a cell, a tick for those checked in, and the gap in red. */
function ShiftCell({ shift, onOpen }: { shift: ShiftView; onOpen: () => void }) {
  const t = useT();
  return (
    <div
      className={`duty-cell${shift.missing > 0 ? ' duty-cell-gap' : ''}${Date.parse(shift.endsAt) <= Date.now() ? ' duty-cell-past' : ''}`}
      onClick={onOpen}
      role="button"
      tabIndex={0}
      onKeyDown={(e) => e.key === 'Enter' && onOpen()}
      data-testid="roster-cell"
      data-gap={shift.missing > 0 ? 'true' : 'false'}
    >
      {shift.assignments.map((a) => (
        <div key={a.id} className="duty-cell-name">
          {a.attendance && <CheckCircleFilled style={{ color: '#389e0d', marginInlineEnd: 2 }} />}
          {a.personName}
        </div>
      ))}
      {shift.missing > 0 && <div className="duty-cell-missing">{t('duty.missing', { n: shift.missing })}</div>}
      {shift.released.length > 0 && <div className="duty-cell-released">{t('duty.releasedCount', { n: shift.released.length })}</div>}
    </div>
  );
}

function shiftLabel(s: { name: string; startsAt: string; endsAt: string }, nextDay: string): string {
  return `${s.name} ${span(s.startsAt, s.endsAt, nextDay)}`;
}

function WeekGrid({ post, days, onOpen }: { post: RosterPost; days: string[]; onOpen: (s: ShiftView) => void }) {
  const t = useT();
  // One row per requirement line (template), in the order of their start time of day.
  const rows = useMemo(() => {
    const byKey = new Map<string, { key: string; label: string; order: string; cells: Record<string, ShiftView> }>();
    for (const s of post.shifts) {
      const key = s.templateId ?? s.name;
      const row = byKey.get(key) ?? { key, label: shiftLabel(s, t('duty.nextDayShort')), order: hhmm(s.startsAt), cells: {} };
      row.cells[s.day] = s;
      byKey.set(key, row);
    }
    return [...byKey.values()].sort((a, b) => a.order.localeCompare(b.order));
  }, [post.shifts, t]);
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      bordered
      columns={[
        { title: t('duty.shift'), dataIndex: 'label', fixed: 'left', width: 150 },
        ...days.map((day) => ({
          title: <span className={isoWeekday(day) >= 6 ? 'duty-weekend' : undefined}>{t(`duty.weekday.${isoWeekday(day)}` as 'duty.weekday.1')} {day.slice(5)}</span>,
          key: day,
          width: 110,
          onCell: () => ({ style: { padding: 2, verticalAlign: 'top' as const } }),
          render: (_: unknown, row: (typeof rows)[number]) =>
            row.cells[day] ? <ShiftCell shift={row.cells[day]} onOpen={() => onOpen(row.cells[day])} /> : <span className="duty-cell-none">—</span>,
        })),
      ]}
    />
  );
}

/** On a phone: day by day, one line per shift that a thumb can hit. */
function PhoneWeek({ post, days, onOpen }: { post: RosterPost; days: string[]; onOpen: (s: ShiftView) => void }) {
  const t = useT();
  return (
    <List
      size="small"
      dataSource={days.filter((d) => post.shifts.some((s) => s.day === d))}
      renderItem={(day) => (
        <List.Item style={{ display: 'block', paddingInline: 0 }}>
          <Typography.Text strong>{t(`duty.weekday.${isoWeekday(day)}` as 'duty.weekday.1')} {day.slice(5)}</Typography.Text>
          {post.shifts.filter((s) => s.day === day).map((s) => (
            <div key={s.id} className={`duty-phone-shift${s.missing > 0 ? ' duty-cell-gap' : ''}${Date.parse(s.endsAt) <= Date.now() ? ' duty-cell-past' : ''}`} onClick={() => onOpen(s)} role="button" data-testid="roster-cell">
              <span className="duty-phone-shift-name">{shiftLabel(s, t('duty.nextDayShort'))}</span>
              <span>
                {s.assignments.map((a) => a.personName).join('、') || '—'}
                {s.missing > 0 && <Tag color="red" style={{ marginInlineStart: 6 }}>{t('duty.missing', { n: s.missing })}</Tag>}
              </span>
            </div>
          ))}
        </List.Item>
      )}
    />
  );
}

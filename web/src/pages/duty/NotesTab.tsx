import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { dutyApi, type NoteView } from '../../api/duty.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { PersonSelect } from '../../components/pickers.tsx';
import { useList } from '../../components/useList.ts';
import { useT } from '../../i18n/index.tsx';
import { useDutyError } from './dutyErrors.ts';
import type { DutyTabProps } from './dutyTypes.ts';
import { hhmm, today } from './time.ts';

/** 每日反馈: what each member did today, one note per person per day, editable that day; the day's feed below. */
export function NotesTab({ nodeId, canWrite }: DutyTabProps) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const reportError = useDutyError();
  const [day, setDay] = useState(today());
  const load = useCallback(() => dutyApi.notes({ day, nodeId }), [day, nodeId]);
  const list = useList(load);
  const [personId, setPersonId] = useState<string | null>(null);
  const [content, setContent] = useState('');
  const [saving, setSaving] = useState(false);
  const forWhom = personId ?? me.personId ?? null;
  const isToday = day === today();

  // Editing today's note starts from what is already written.
  useEffect(() => {
    if (!forWhom) return;
    const mine = list.items.find((n) => n.personId === forWhom && n.day === today());
    setContent(mine?.content ?? '');
  }, [forWhom, list.items]);

  const save = async () => {
    setSaving(true);
    try {
      await dutyApi.putNote({ id: newId(), ...(personId ? { personId } : {}), content });
      void message.success(t('common.saved'));
      void list.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };

  const mayWrite = isToday && (!!me.personId || canWrite);
  return (
    <div data-testid="duty-notes">
      {mayWrite && (
        <Card size="small" title={t('duty.todayNote')} style={{ marginBottom: 12 }}>
          {canWrite && (
            <div style={{ marginBottom: 8, maxWidth: 320 }}>
              <PersonSelect value={personId} onChange={setPersonId} placeholder={me.personId ? t('duty.noteForMe') : t('duty.noteForWhom')} testId="note-person" />
            </div>
          )}
          {forWhom ? (
            <>
              <Input.TextArea value={content} onChange={(e) => setContent(e.target.value)} maxLength={LIMITS.note} showCount autoSize={{ minRows: 3, maxRows: 8 }}
                placeholder={t('duty.notePlaceholder')} data-testid="note-content" />
              <Button type="primary" icon={<EditOutlined />} style={{ marginTop: 8 }} disabled={!content.trim()} loading={saving} onClick={() => void save()} data-testid="note-save">
                {t('duty.saveNote')}
              </Button>
            </>
          ) : <Typography.Text type="secondary">{t('duty.noteForWhom')}</Typography.Text>}
        </Card>
      )}
      <div className="filter-bar">
        <DatePicker value={dayjs(day)} onChange={(d) => setDay(d ? d.format('YYYY-MM-DD') : today())} allowClear={false} inputReadOnly />
      </div>
      <ApiErrorAlert error={list.error} />
      <List<NoteView>
        loading={list.loading}
        dataSource={list.items}
        data-testid="note-list"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.noNotes')} /> }}
        renderItem={(n) => (
          <List.Item style={{ display: 'block', paddingInline: 4 }}>
            <Space size={4} wrap>
              <Typography.Text strong>{n.personName}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hhmm(n.updatedAt)}</Typography.Text>
              {n.editable && <Tag color="green">{t('duty.editable')}</Tag>}
            </Space>
            <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{n.content}</div>
          </List.Item>
        )}
      />
    </div>
  );
}

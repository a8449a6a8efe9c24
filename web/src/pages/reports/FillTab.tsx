import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Form, List, Popconfirm, Space, Spin, Typography } from 'antd';
import { CheckCircleOutlined, FileDoneOutlined, SendOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { newId } from '@shared/platform/ids.ts';
import { reportsApi, type MyReportItem, type ReportValues, type SubmissionView } from '../../api/reports.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT } from '../../i18n/index.tsx';
import {
  applyDetails, shanghaiText, StatusTag, todayInShanghai, useDetailText, ValueInputs, ValuesView,
} from './reportsShared.tsx';

/** One form of the day: the fill-in form and the big zero-report button, or what was sent. */
function ReportCard({ item, onDone, onOpen }: { item: MyReportItem; onDone: () => void; onOpen: (id: string) => void }) {
  const t = useT();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const text = useDetailText();
  const [form] = Form.useForm<{ values: ReportValues }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rest, setRest] = useState<ReturnType<typeof applyDetails>>([]);
  // One client id per attempt: a retry after a lost answer does not make a second report.
  const attempt = useRef(newId());
  const s = item.submission;

  const send = async (zero: boolean) => {
    let values: ReportValues = {};
    if (!zero) {
      try {
        values = (await form.validateFields()).values ?? {};
      } catch {
        return;
      }
    }
    setBusy(true);
    setError(null);
    try {
      await reportsApi.submit({ id: attempt.current, formId: item.form.id, day: item.day, zero, values });
      attempt.current = newId();
      void message.success(t('reports.submitted'));
      onDone();
    } catch (e) {
      setRest(applyDetails(form, e, text, (path) => (path[0] === 'values' ? path : null)));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const time = item.form.deadline;
  return (
    <Card
      size="small"
      data-testid={`report-card-${item.form.id}`}
      title={<Space wrap size={6}><FileDoneOutlined />{item.form.name}</Space>}
      extra={<StatusTag status={item.status} zero={s?.isZero} />}
      style={{ marginBottom: 12 }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('reports.deadlineAt', { time })} · {item.reporter.name}
      </Typography.Paragraph>
      {item.overdue && <Alert type="warning" showIcon title={t('reports.overdue')} style={{ marginBottom: 12 }} />}
      {s ? (
        <>
          <ValuesView fields={item.form.fields} values={s.values} />
          <Space wrap style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">
              {t('reports.submittedAt', { time: shanghaiText(s.submittedAt) })}
              {s.revision > 1 ? ` · ${t('reports.revision', { n: s.revision })}` : ''}
            </Typography.Text>
            <Button size="small" onClick={() => onOpen(s.id)} data-testid="report-open">{t('reports.viewOrCorrect')}</Button>
          </Space>
        </>
      ) : (
        <>
          <ApiErrorAlert error={error} details={rest} />
          <Popconfirm title={t('reports.zeroConfirm')} onConfirm={() => void send(true)} okText={t('common.ok')} cancelText={t('common.cancel')}>
            <Button
              size="large"
              block
              icon={<CheckCircleOutlined />}
              loading={busy}
              style={{ marginBottom: 6, height: 52, fontSize: 17, borderColor: '#1677ff', color: '#1677ff' }}
              data-testid="report-zero"
            >
              {t('reports.zero')}
            </Button>
          </Popconfirm>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>{t('reports.zeroHint')}</Typography.Paragraph>
          <Form form={form} layout={phone ? 'vertical' : 'horizontal'} labelCol={phone ? undefined : { flex: '160px' }} requiredMark="optional">
            <ValueInputs fields={item.form.fields} />
            <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void send(false)} block={phone} data-testid="report-submit">
              {t('reports.submit')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}

/** A reporter's day: each form with its status; the reports of the last 30 days below. */
export function FillTab({ onOpen, refreshKey }: { onOpen: (id: string) => void; refreshKey: number }) {
  const t = useT();
  const [day, setDay] = useState(todayInShanghai());
  const [items, setItems] = useState<MyReportItem[] | null>(null);
  const [history, setHistory] = useState<SubmissionView[]>([]);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setError(null);
      const today = todayInShanghai();
      const [mine, page] = await Promise.all([
        reportsApi.mine(day),
        reportsApi.history({ from: dayjs(today).subtract(29, 'day').format('YYYY-MM-DD'), to: today }, null, 50),
      ]);
      setItems(mine);
      const own = new Set(mine.map((m) => m.reporter.id));
      setHistory(page.items.filter((s) => own.size === 0 || own.has(s.nodeId ?? s.unitId ?? '')));
    } catch (e) {
      setError(e);
      setItems([]);
    }
  }, [day]);

  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  return (
    <div data-testid="reports-fill" style={{ maxWidth: 880 }}>
      <div className="filter-bar">
        <DatePicker
          allowClear={false}
          value={dayjs(day)}
          onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))}
          disabledDate={(d) => d.format('YYYY-MM-DD') > todayInShanghai()}
          data-testid="fill-day"
        />
      </div>
      <ApiErrorAlert error={error} />
      {items === null ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t('reports.noFormsForMe')} />
      ) : (
        items.map((item) => <ReportCard key={`${item.form.id}-${item.day}`} item={item} onDone={() => void load()} onOpen={onOpen} />)
      )}
      <Card size="small" title={t('reports.history')} style={{ marginTop: 12 }}>
        <List
          size="small"
          dataSource={history}
          locale={{ emptyText: t('reports.historyEmpty') }}
          data-testid="reports-history"
          renderItem={(s) => (
            <List.Item
              onClick={() => onOpen(s.id)}
              style={{ cursor: 'pointer' }}
              extra={<StatusTag status={s.late ? 'late' : 'submitted'} zero={s.isZero} />}
            >
              <List.Item.Meta
                title={`${s.day} · ${s.formName}`}
                description={`${s.reporterName}${s.revision > 1 ? ` · ${t('reports.revision', { n: s.revision })}` : ''}`}
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}

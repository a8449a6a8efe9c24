import { useCallback, useState } from 'react';
import { App, Button, Form, Input, List, Modal, Segmented, Select, Space, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, LinkOutlined, PartitionOutlined, PhoneOutlined } from '@ant-design/icons';
import { PERSON_CATEGORIES } from '@shared/modules/people/people.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { mobilizationApi, type VolunteerStatus, type VolunteerView } from '../../api/mobilization.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useKeysetList } from '../../components/useKeysetList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useLabels, useT, type MessageKey } from '../../i18n/index.tsx';
import { AssignModal } from './AssignModal.tsx';
import { translated, VolunteerStatusTag, when } from './shared.tsx';

/** 志愿者报名审核: pending sign-ups first come first served; approve (joins the people register), decline with a reason, assign. */
export function VolunteersTab({ canWrite, compact, onChanged }: { canWrite: boolean; compact: boolean; onChanged: () => void }) {
  const t = useT();
  const { label, options } = useLabels();
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const [status, setStatus] = useState<VolunteerStatus>('pending');
  const fetchPage = useCallback((cursor: string | null) => mobilizationApi.volunteers({ status }, cursor), [status]);
  const list = useKeysetList(fetchPage);
  const [approving, setApproving] = useState<VolunteerView | null>(null);
  const [category, setCategory] = useState('volunteer');
  const [declining, setDeclining] = useState<VolunteerView | null>(null);
  const [reason, setReason] = useState('');
  const [assigning, setAssigning] = useState<VolunteerView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const done = (v: VolunteerView, text: string) => {
    if (v.status === status) list.upsert(v);
    else list.remove(v.id);
    onChanged();
    void message.success(text);
  };

  const run = async (call: () => Promise<VolunteerView>, text: string, close: () => void) => {
    setBusy(true);
    setError(null);
    try {
      done(await call(), text);
      close();
    } catch (e) {
      setError(translated(e));
    } finally {
      setBusy(false);
    }
  };

  const showPhone = async (v: VolunteerView) => {
    try {
      const { phone } = await mobilizationApi.volunteerPhone(v.id);
      modal.info({ title: v.name, content: <a href={`tel:${phone}`} className="mono" style={{ fontSize: 20 }}>{phone}</a> });
    } catch (e) {
      reportError(translated(e));
    }
  };

  const actions = (v: VolunteerView) => {
    if (!canWrite) return [];
    const out = [
      <Button key="phone" type="link" size="small" icon={<PhoneOutlined />} onClick={() => void showPhone(v)}>{t('mobilization.volunteer.showPhone')}</Button>,
    ];
    if (v.status === 'pending') {
      out.push(
        <Button key="ok" type="link" size="small" icon={<CheckOutlined />} onClick={() => { setError(null); setCategory('volunteer'); setApproving(v); }} data-testid="volunteer-approve">
          {t('mobilization.volunteer.approve')}
        </Button>,
        <Button key="no" type="link" size="small" danger icon={<CloseOutlined />} onClick={() => { setError(null); setReason(''); setDeclining(v); }} data-testid="volunteer-decline">
          {t('mobilization.volunteer.decline')}
        </Button>,
      );
    }
    if (v.status === 'approved') {
      out.push(
        <Button key="as" type="link" size="small" icon={<PartitionOutlined />} onClick={() => setAssigning(v)} data-testid="volunteer-assign">
          {t('mobilization.volunteer.assign')}
        </Button>,
      );
    }
    return out;
  };

  return (
    <div data-testid="tab-volunteers">
      <div className="filter-bar">
        <Segmented<VolunteerStatus>
          block={compact}
          style={compact ? { width: '100%', flexBasis: '100%' } : undefined}
          value={status}
          onChange={setStatus}
          options={(['pending', 'approved', 'declined'] as const).map((s) => ({ value: s, label: t(`mobilization.volunteer.status.${s}` as MessageKey) }))}
          data-testid="volunteer-status"
        />
        <Button icon={<LinkOutlined />} href="/volunteer" target="_blank">{t('mobilization.volunteer.publicLink')}</Button>
      </div>
      <ApiErrorAlert error={list.error} />
      <List
        loading={list.loading && list.items.length === 0}
        dataSource={list.items}
        locale={{ emptyText: t('mobilization.volunteer.empty') }}
        itemLayout={compact ? 'vertical' : 'horizontal'}
        data-testid="volunteer-list"
        renderItem={(v) => (
          <List.Item actions={actions(v)} style={{ paddingInline: 4, flexWrap: 'wrap' }}>
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{v.name}</span>
                  <VolunteerStatusTag status={v.status} t={t} />
                  <Tag color={v.politicalStatus === 'member' ? 'red' : 'default'}>{label('political', v.politicalStatus)}</Tag>
                  <span className="mono">{v.phoneMasked}</span>
                </Space>
              }
              description={
                <Space direction="vertical" size={2} style={{ fontSize: 12 }}>
                  {v.skills.length > 0 && <Space wrap size={4}>{v.skills.map((s) => <Tag key={s}>{s}</Tag>)}</Space>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[v.nodeName, v.availability && `${t('mobilization.volunteer.availability')}：${v.availability}`, `${t('mobilization.volunteer.signedAt')} ${when(v.createdAt)}`].filter(Boolean).join(' · ')}
                  </Typography.Text>
                  {v.note && <Typography.Text style={{ fontSize: 12 }}>{v.note}</Typography.Text>}
                  {v.declineReason && <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('mobilization.volunteer.declineReason')}：{v.declineReason}</Typography.Text>}
                  {v.assignment && <Tag color="green">{`${t(`mobilization.assignKind.${v.assignment.kind}` as MessageKey)}：${v.assignment.name ?? '—'}`}</Tag>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.loadMore()} />
      <Modal open={!!approving} title={`${t('mobilization.volunteer.approve')} · ${approving?.name ?? ''}`} onCancel={() => setApproving(null)} confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'approve-submit' }}
        onOk={() => approving && void run(() => mobilizationApi.approveVolunteer(approving.id, category), t('mobilization.volunteer.approved'), () => setApproving(null))}>
        <ApiErrorAlert error={error} />
        <Form layout="vertical">
          <Form.Item label={t('mobilization.volunteer.category')}>
            <Select value={category} onChange={setCategory} options={options('category', PERSON_CATEGORIES)} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!declining} title={`${t('mobilization.volunteer.decline')} · ${declining?.name ?? ''}`} onCancel={() => setDeclining(null)} confirmLoading={busy}
        okButtonProps={{ disabled: !reason.trim(), danger: true, 'data-testid': 'decline-submit' }}
        onOk={() => declining && void run(() => mobilizationApi.declineVolunteer(declining.id, reason.trim()), t('common.saved'), () => setDeclining(null))}>
        <ApiErrorAlert error={error} />
        <Form layout="vertical">
          <Form.Item label={t('mobilization.volunteer.declineReason')} required>
            <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={LIMITS.note} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="decline-reason" />
          </Form.Item>
        </Form>
      </Modal>
      {assigning && (
        <AssignModal
          name={assigning.name}
          onClose={() => setAssigning(null)}
          onAssign={async (input) => {
            done(await mobilizationApi.assignVolunteer(assigning.id, input), t('mobilization.assign.done'));
            setAssigning(null);
          }}
        />
      )}
    </div>
  );
}

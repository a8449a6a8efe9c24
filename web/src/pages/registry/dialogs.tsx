import { useEffect, useState } from 'react';
import { Alert, Checkbox, Descriptions, Form, Input, Modal, Radio, Select, type ButtonProps } from 'antd';
import { shanghaiDay } from '@shared/platform/clock.ts';
import { newId } from '@shared/platform/ids.ts';
import { registryApi, type ResidentView, type UnmaskResult } from '../../api/registry.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useT } from '../../i18n/index.tsx';

/** Move to another household (kept in the history with the reason). */
export function MoveDialog({ resident, onClose, onDone }: { resident: ResidentView | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ toHouseholdId: string; date: string; reason: string }>();
  return (
    <FormModal open={!!resident} form={form} title={`${t('registry.move')}：${resident?.name ?? ''}`} testId="move-form"
      fields={['toHouseholdId', 'date', 'reason']} initialValues={{ date: shanghaiDay(new Date()) }} onClose={onClose}
      onSubmit={async (v) => { await registryApi.move(resident!.id, { id: newId(), ...v }); onDone(); }}>
      <Form.Item name="toHouseholdId" label={t('registry.moveTo')} rules={[{ required: true }]}>
        <NodePicker testId="move-target" />
      </Form.Item>
      <Form.Item name="date" label={t('registry.moveDate')} rules={[{ required: true }]}>
        <Input placeholder="YYYY-MM-DD" maxLength={10} />
      </Form.Item>
      <Form.Item name="reason" label={t('registry.reason')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} data-testid="move-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** Moved away / deceased (or back to living here): the record and its history stay. */
export function StatusDialog({ resident, onClose, onDone }: { resident: ResidentView | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ status: ResidentView['status']; date: string; reason?: string }>();
  const options = (['moved_away', 'deceased', 'active'] as const).map((s) => ({ value: s, label: t(`registry.status.${s}`) }));
  return (
    <FormModal open={!!resident} form={form} title={`${t('registry.markStatus')}：${resident?.name ?? ''}`} testId="status-form"
      fields={['status', 'date', 'reason']} initialValues={{ status: 'moved_away', date: shanghaiDay(new Date()) }} onClose={onClose}
      onSubmit={async (v) => { await registryApi.setStatus(resident!.id, { id: newId(), ...v }); onDone(); }}>
      <Form.Item name="status" label={t('registry.status')} rules={[{ required: true }]}>
        <Select options={options} data-testid="status-select" />
      </Form.Item>
      <Form.Item name="date" label={t('registry.statusDate')} rules={[{ required: true }]}>
        <Input placeholder="YYYY-MM-DD" maxLength={10} />
      </Form.Item>
      <Form.Item name="reason" label={t('registry.reason')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

/** The eye button's dialog: a reason first, then the full numbers (the server writes an audit row). */
export function UnmaskDialog({ resident, onClose }: { resident: ResidentView | null; onClose: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<UnmaskResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { setReason(''); setShown(null); setError(null); }, [resident]);
  const valid = reason.trim().length >= 2 && reason.trim().length <= 200;
  const submit = async () => {
    if (!resident || !valid) return;
    setBusy(true);
    try {
      const fields = [...(resident.idNumberMasked ? ['idNumber' as const] : []), ...(resident.phoneMasked ? ['phone' as const] : [])];
      setShown(await registryApi.unmask(resident.id, fields.length ? fields : ['idNumber'], reason.trim()));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!resident} title={`${t('registry.unmaskTitle')}：${resident?.name ?? ''}`} onCancel={onClose} destroyOnHidden
      onOk={shown ? onClose : () => void submit()} okText={shown ? t('common.close') : t('registry.show')} confirmLoading={busy}
      okButtonProps={{ disabled: !shown && !valid, 'data-testid': 'unmask-submit' } as ButtonProps} cancelButtonProps={{ style: shown ? { display: 'none' } : undefined }}>
      <ApiErrorAlert error={error} />
      {shown ? (
        <>
          <Descriptions column={1} size="small" bordered data-testid="unmask-result">
            {'idNumber' in shown && <Descriptions.Item label={t('registry.idNumber')}>{shown.idNumber ?? '—'}</Descriptions.Item>}
            {'phone' in shown && <Descriptions.Item label={t('registry.phone')}>{shown.phone ?? '—'}</Descriptions.Item>}
          </Descriptions>
          <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('registry.unmaskAudited')} />
        </>
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('registry.unmaskReason')} required help={reason && !valid ? t('registry.unmaskReasonRequired') : undefined}
            validateStatus={reason && !valid ? 'error' : undefined}>
            <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} autoSize={{ minRows: 2 }} data-testid="unmask-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** Masked by default; full numbers only for roles allowed to unmask, with a reason. */
export function ExportDialog({ open, nodeId, canUnmask, onClose }: { open: boolean; nodeId: string | null; canUnmask: boolean; onClose: () => void }) {
  const t = useT();
  const [scope, setScope] = useState<string | null>(nodeId);
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [inactive, setInactive] = useState(false);
  const [unmasked, setUnmasked] = useState(false);
  const [reason, setReason] = useState('');
  useEffect(() => { if (open) { setScope(nodeId); setUnmasked(false); setReason(''); } }, [open, nodeId]);
  const ready = !!scope && (!unmasked || reason.trim().length >= 2);
  const go = () => {
    if (!scope || !ready) return;
    window.location.assign(registryApi.exportUrl({ nodeId: scope, format, includeInactive: inactive, unmasked, reason: reason.trim() }));
    onClose();
  };
  return (
    <Modal open={open} title={t('registry.exportTitle')} onCancel={onClose} onOk={go} okText={t('registry.export')}
      okButtonProps={{ disabled: !ready, 'data-testid': 'export-submit' } as ButtonProps}>
      <Form layout="vertical">
        <Form.Item label={t('registry.exportScope')} required>
          <NodePicker value={scope} onChange={setScope} testId="export-scope" />
        </Form.Item>
        <Form.Item label={t('registry.format')}>
          <Radio.Group value={format} onChange={(e) => setFormat(e.target.value)} options={[{ value: 'xlsx', label: 'Excel (.xlsx)' }, { value: 'csv', label: 'CSV' }]} />
        </Form.Item>
        <Checkbox checked={inactive} onChange={(e) => setInactive(e.target.checked)}>{t('registry.includeInactive')}</Checkbox>
        <Alert type="info" showIcon style={{ margin: '12px 0' }} message={t('registry.maskedNote')} />
        {canUnmask && (
          <>
            <Checkbox checked={unmasked} onChange={(e) => setUnmasked(e.target.checked)} data-testid="export-unmasked">{t('registry.unmaskedExport')}</Checkbox>
            {unmasked && (
              <Form.Item label={t('registry.unmaskedReason')} required style={{ marginTop: 8 }}>
                <Input maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="export-reason" />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Form, Modal, Segmented, Select } from 'antd';
import type { AssignmentKind, TeamRole } from '@shared/modules/mobilization/mobilization.schema.ts';
import { mobilizationApi, type AssignWrite } from '../../api/mobilization.ts';
import { orgApi } from '../../api/org.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useLabels, useT, type MessageKey } from '../../i18n/index.tsx';
import { translated } from './shared.tsx';

type Option = { value: string; label: string };

const ROLES: Record<AssignmentKind, TeamRole[]> = { team: ['member', 'deputy', 'leader'], post: ['member', 'leader'], area: [] };

/** Where a reported-in person (or an approved volunteer) goes: an assault team, a vanguard post or a responsibility area. */
export function AssignModal({ name, onAssign, onClose }: { name: string; onAssign: (input: AssignWrite) => Promise<void>; onClose: () => void }) {
  const t = useT();
  const { label } = useLabels();
  const [kind, setKind] = useState<AssignmentKind>('team');
  const [targetId, setTargetId] = useState<string | null>(null);
  const [role, setRole] = useState<TeamRole>('member');
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setTargetId(null);
    setRole('member');
    const load: Promise<Option[]> =
      kind === 'team'
        ? mobilizationApi.teams().then((l) => l.map((x) => ({ value: x.id, label: `${x.name}（${x.nodeName}）` })))
        : kind === 'post'
          ? orgApi.posts().then((l) => l.map((x) => ({ value: x.id, label: `${x.name}（${x.nodeName ?? ''}）` })))
          : orgApi.areas().then((l) => l.map((x) => ({ value: x.id, label: `${x.name}（${x.nodeName ?? ''}）` })));
    load
      .then((o) => alive && setOptions(o))
      .catch((e) => alive && setError(e))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [kind]);

  const submit = async () => {
    if (!targetId) return;
    setBusy(true);
    setError(null);
    try {
      await onAssign({ kind, targetId, ...(kind === 'area' ? {} : { role }) });
    } catch (e) {
      setError(translated(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('mobilization.assign.title', { name })} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')}
      cancelText={t('common.cancel')} confirmLoading={busy} okButtonProps={{ disabled: !targetId, 'data-testid': 'assign-submit' }}>
      <ApiErrorAlert error={error} />
      <Form layout="vertical">
        <Form.Item label={t('mobilization.assign.kind')}>
          <Segmented<AssignmentKind>
            block
            value={kind}
            onChange={setKind}
            options={(['team', 'post', 'area'] as const).map((k) => ({ value: k, label: t(`mobilization.assignKind.${k}` as MessageKey) }))}
            data-testid="assign-kind"
          />
        </Form.Item>
        <Form.Item label={t('mobilization.assign.target')} required>
          <Select showSearch={{ optionFilterProp: 'label' }} value={targetId ?? undefined} onChange={setTargetId} options={options} loading={loading}
            placeholder={t('common.selectPlaceholder')} data-testid="assign-target" />
        </Form.Item>
        {ROLES[kind].length > 0 && (
          <Form.Item label={t('mobilization.assign.role')}>
            <Select value={role} onChange={setRole} options={ROLES[kind].map((r) => ({ value: r, label: kind === 'post' ? label('postRole', r) : t(`mobilization.role.${r}` as MessageKey) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

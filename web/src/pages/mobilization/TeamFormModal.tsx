import { useMemo } from 'react';
import { Form, Input, Select } from 'antd';
import { TEAM_KINDS } from '@shared/modules/mobilization/mobilization.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { mobilizationApi, type TeamDetail, type TeamView, type TeamWrite } from '../../api/mobilization.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { ReachPersonSelect } from './ReachPersonSelect.tsx';
import { AnyUnitSelect } from './AnyUnitSelect.tsx';
import { withTexts } from './shared.tsx';

type Values = Omit<TeamWrite, 'id'>;

/** Forms an assault team (kind, name, place, unit, task, leader and deputy) or edits one. */
export function TeamFormModal({ open, team, onClose, onSaved }: { open: boolean; team: TeamView | null; onClose: () => void; onSaved: (t: TeamDetail) => void }) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const id = useMemo(() => (open ? newId() : ''), [open]);
  const initial = useMemo<Values>(
    () => (team
      ? { kind: team.kind, name: team.name, nodeId: team.nodeId, unitId: team.unitId, duty: team.duty ?? '', leaderPersonId: team.leader?.personId ?? null, deputyPersonId: team.deputy?.personId ?? null }
      : { kind: 'assault_team', nodeId: me.nodeId ?? undefined }),
    [team, me.nodeId],
  );

  const submit = async (v: Values) => {
    const body = { ...v, duty: v.duty?.trim() || null, unitId: me.role === 'unit_liaison' ? undefined : (v.unitId ?? null) };
    onSaved(await withTexts(() => (team ? mobilizationApi.updateTeam(team.id, body) : mobilizationApi.createTeam({ id, ...body }))));
  };

  return (
    <FormModal<Values> open={open} title={team ? t('mobilization.team.edit') : t('mobilization.team.add')} form={form} initialValues={initial}
      fields={['kind', 'name', 'nodeId', 'unitId', 'duty', 'leaderPersonId', 'deputyPersonId']} onSubmit={submit} onClose={onClose} testId="team-form">
      <Form.Item name="kind" label={t('mobilization.team.kind')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={TEAM_KINDS.map((k) => ({ value: k, label: t(`mobilization.teamKind.${k}` as MessageKey) }))} data-testid="team-kind" />
      </Form.Item>
      <Form.Item name="name" label={t('mobilization.team.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={LIMITS.placeName} data-testid="team-name" />
      </Form.Item>
      <Form.Item name="nodeId" label={t('mobilization.team.node')} rules={[{ required: true, message: t('common.required') }]}>
        <NodePicker initialLabel={team?.nodeName} testId="team-node" />
      </Form.Item>
      {me.role !== 'unit_liaison' && (
        <Form.Item name="unitId" label={t('mobilization.team.unit')}>
          <AnyUnitSelect />
        </Form.Item>
      )}
      <Form.Item name="duty" label={t('mobilization.team.duty')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="leaderPersonId" label={t('mobilization.team.leader')}>
        <ReachPersonSelect initialLabel={team?.leader?.name} testId="team-leader" />
      </Form.Item>
      <Form.Item name="deputyPersonId" label={t('mobilization.team.deputy')}>
        <ReachPersonSelect initialLabel={team?.deputy?.name} testId="team-deputy" />
      </Form.Item>
    </FormModal>
  );
}

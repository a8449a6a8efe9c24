import { useEffect, useMemo, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { NodeCreateInput } from '@shared/modules/jurisdiction/jurisdiction.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { jurisdictionApi, type JurisdictionNode } from '../../api/jurisdiction.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { applyApiError, zodRule, validValues } from '../../components/forms.ts';
import { useLevels } from '../../components/useLevels.ts';
import { useLang, useT } from '../../i18n/index.tsx';

export type NodeFormMode =
  | { kind: 'create'; parent: { id: string; name: string; levelCode: string } | null }
  | { kind: 'edit'; node: JurisdictionNode };

interface Values {
  levelCode?: string;
  name: string;
  code?: string;
}

/** 新增下级 / 重命名. A create carries a client-made id, so pressing submit twice cannot make two nodes. */
export function NodeFormModal({ mode, onClose, onSaved }: { mode: NodeFormMode | null; onClose: () => void; onSaved: (node: JurisdictionNode) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { levels, rankOf, levelName } = useLevels();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rest, setRest] = useState<ReturnType<typeof applyApiError>>([]);
  const [clientId, setClientId] = useState(newId());

  const parentRank = mode?.kind === 'create' && mode.parent ? rankOf(mode.parent.levelCode) : 0;
  const allowed = useMemo(() => levels.filter((l) => l.rank > parentRank), [levels, parentRank]);

  useEffect(() => {
    if (!mode) return;
    setError(null);
    setRest([]);
    setClientId(newId());
    form.resetFields();
    if (mode.kind === 'edit') form.setFieldsValue({ name: mode.node.name, code: mode.node.code ?? '' });
  }, [mode, form]);

  useEffect(() => {
    // Default to the next level down (街道 → 社区), the usual choice.
    if (mode?.kind === 'create' && allowed.length > 0 && !form.getFieldValue('levelCode')) {
      form.setFieldsValue({ levelCode: allowed[0].code });
    }
  }, [mode, allowed, form]);

  const submit = async () => {
    if (!mode) return;
    const values = await validValues(form);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      const code = values.code?.trim() ? values.code.trim() : null;
      const saved =
        mode.kind === 'create'
          ? await jurisdictionApi.create({ id: clientId, parentId: mode.parent?.id ?? null, levelCode: values.levelCode!, name: values.name.trim(), code })
          : await jurisdictionApi.update(mode.node.id, { name: values.name.trim(), code });
      onSaved(saved);
    } catch (e) {
      setRest(applyApiError(form, e, ['levelCode', 'name', 'code']));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const title =
    mode?.kind === 'edit' ? t('tree.rename') : mode?.parent ? `${t('tree.addChild')} · ${mode.parent.name}` : t('tree.addTop');

  return (
    <Modal
      open={!!mode}
      title={title}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      forceRender
      okButtonProps={{ 'data-testid': 'node-submit' }}
    >
      <ApiErrorAlert error={error} details={rest} />
      {mode?.kind === 'create' && levels.length > 0 && allowed.length === 0 && (
        <Alert type="warning" showIcon title={t('tree.noChildLevel')} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" requiredMark="optional" onFinish={submit}>
        {mode?.kind === 'create' && (
          <Form.Item name="levelCode" label={t('tree.level')} rules={[{ required: true, message: t('tree.levelRequired') }]}>
            <Select
              data-testid="node-level-select"
              options={allowed.map((l) => ({ value: l.code, label: lang === 'zh' ? l.nameZh : l.nameEn }))}
            />
          </Form.Item>
        )}
        {mode?.kind === 'edit' && (
          <Form.Item label={t('tree.level')}>
            <Input value={levelName(mode.node.levelCode)} disabled />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('tree.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, zodRule(NodeCreateInput.shape.name)]}>
          <Input maxLength={LIMITS.placeName} autoFocus data-testid="node-name-input" onPressEnter={() => void submit()} />
        </Form.Item>
        <Form.Item name="code" label={t('tree.code')} rules={[zodRule(NodeCreateInput.shape.code, { optional: true })]}>
          <Input maxLength={LIMITS.code} data-testid="node-code-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Form, Modal } from 'antd';
import { jurisdictionApi, type JurisdictionNode } from '../../api/jurisdiction.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useT } from '../../i18n/index.tsx';

/** Moves a node (with everything under it) to a new parent; the server checks levels and cycles. */
export function MoveModal({ node, onClose, onMoved }: { node: JurisdictionNode | null; onClose: () => void; onMoved: (node: JurisdictionNode) => void }) {
  const t = useT();
  const [parentId, setParentId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    setParentId(null);
    setError(null);
    setTouched(false);
  }, [node]);

  const submit = async () => {
    setTouched(true);
    if (!node || !parentId) return;
    setBusy(true);
    setError(null);
    try {
      onMoved(await jurisdictionApi.move(node.id, parentId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!node}
      title={`${t('tree.move')} · ${node?.name ?? ''}`}
      onCancel={onClose}
      onOk={submit}
      okText={t('tree.move')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'move-submit' }}
    >
      <ApiErrorAlert error={error} />
      <Form layout="vertical">
        <Form.Item
          label={t('tree.newParent')}
          required
          validateStatus={touched && !parentId ? 'error' : undefined}
          help={touched && !parentId ? t('tree.parentRequired') : undefined}
        >
          <NodePicker value={parentId} onChange={setParentId} excludeId={node?.id} testId="move-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { App, Alert, Button, Input, Modal, Space } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http intranet deployments have no Clipboard API; fall back to a selected textarea.
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

/** Shows a generated password exactly once. */
export function TempPasswordModal({ value, who, onClose }: { value: string | null; who: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  return (
    <Modal
      open={!!value}
      title={`${t('accounts.tempTitle')} · ${who}`}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={<Button type="primary" onClick={onClose} data-testid="temp-password-close">{t('common.close')}</Button>}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('accounts.tempHint')} style={{ marginBottom: 16 }} />
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={value ?? ''} className="mono" style={{ fontSize: 18 }} data-testid="temp-password" />
        <Button
          icon={<CopyOutlined />}
          onClick={() =>
            void copyText(value ?? '')
              .then(() => message.success(t('common.copied')))
              .catch(() => undefined)
          }
          data-testid="temp-password-copy"
        >
          {t('common.copy')}
        </Button>
      </Space.Compact>
    </Modal>
  );
}

import { useState } from 'react';
import { App, Button, Modal, Popconfirm, QRCode, Space, Typography } from 'antd';
import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { dutyApi, type DutyPostView } from '../../api/duty.ts';
import { useT } from '../../i18n/index.tsx';
import { useDutyError } from './dutyErrors.ts';

/** The address a guard's phone opens when it scans the post's code. */
export function checkinUrl(token: string): string {
  return `${window.location.origin}/checkin/${token}`;
}

/** The post's check-in QR code, to print and put up at the post; a new code makes the old one useless. */
export function QrModal({ post, onClose, onRotated }: { post: DutyPostView; onClose: () => void; onRotated: (p: DutyPostView) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useDutyError();
  const [busy, setBusy] = useState(false);
  const rotate = async () => {
    setBusy(true);
    try {
      onRotated(await dutyApi.rotateToken(post.id));
      void message.success(t('duty.qrRotated'));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  if (!post.token) return null;
  return (
    <Modal open title={t('duty.qrTitle')} onCancel={onClose} footer={null} width={380}>
      <div className="duty-qr-print" data-testid="post-qr">
        <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>{post.name}</Typography.Title>
        <div style={{ display: 'flex', justifyContent: 'center' }}>
          <QRCode value={checkinUrl(post.token)} size={240} errorLevel="M" bordered={false} />
        </div>
        <Typography.Paragraph style={{ textAlign: 'center', marginTop: 8 }}>{t('duty.qrHint')}</Typography.Paragraph>
      </div>
      <Typography.Paragraph type="secondary" copyable={{ text: checkinUrl(post.token) }} style={{ fontSize: 12, wordBreak: 'break-all' }}>
        {checkinUrl(post.token)}
      </Typography.Paragraph>
      <Space wrap>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('duty.print')}</Button>
        <Popconfirm title={t('duty.qrRotateConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => void rotate()}>
          <Button icon={<ReloadOutlined />} loading={busy} danger>{t('duty.qrRotate')}</Button>
        </Popconfirm>
      </Space>
    </Modal>
  );
}

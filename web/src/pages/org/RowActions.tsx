import { Button, Popconfirm, Space } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';

export function RowActions({ name, onEdit, onDelete, compact }: { name: string; onEdit: () => void; onDelete: () => void; compact?: boolean }) {
  const t = useT();
  return (
    <Space size={0}>
      <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="row-edit">
        {compact ? null : t('common.edit')}
      </Button>
      <Popconfirm
        title={t('common.confirmDelete', { name })}
        onConfirm={onDelete}
        okText={t('common.delete')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true }}
      >
        <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="row-delete">
          {compact ? null : t('common.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

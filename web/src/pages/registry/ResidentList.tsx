import { Button, Empty, List, Space, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, EyeOutlined, HistoryOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import type { ResidentView } from '../../api/registry.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';

interface Props {
  items: ResidentView[];
  loading: boolean;
  canWrite: boolean;
  canUnmask: boolean;
  onEdit: (r: ResidentView) => void;
  onMove: (r: ResidentView) => void;
  onStatus: (r: ResidentView) => void;
  onUnmask: (r: ResidentView) => void;
  onHistory: (r: ResidentView) => void;
}

/** Residents as cards: readable on a 360-px phone, numbers masked, an eye to unmask for allowed roles. */
export function ResidentList({ items, loading, canWrite, canUnmask, onEdit, onMove, onStatus, onUnmask, onHistory }: Props) {
  const t = useT();
  return (
    <List
      loading={loading}
      dataSource={items}
      locale={{ emptyText: <Empty description={t('registry.empty')} /> }}
      data-testid="resident-list"
      renderItem={(r) => {
        const inactive = r.status !== 'active';
        const actions = [
          <Button key="h" type="text" size="small" icon={<HistoryOutlined />} onClick={() => onHistory(r)} aria-label={t('registry.history')} />,
          ...(canWrite && !r.anonymised ? [
            <Button key="e" type="text" size="small" icon={<EditOutlined />} onClick={() => onEdit(r)} data-testid="resident-edit" aria-label={t('registry.edit')} />,
            ...(!inactive ? [<Button key="m" type="text" size="small" icon={<SwapOutlined />} onClick={() => onMove(r)} data-testid="resident-move" aria-label={t('registry.move')} />] : []),
            <Button key="s" type="text" size="small" icon={<LogoutOutlined />} onClick={() => onStatus(r)} data-testid="resident-status" aria-label={t('registry.markStatus')} />,
          ] : []),
        ];
        return (
          <List.Item key={r.id} actions={actions} data-testid="resident-item" style={{ flexWrap: 'wrap', rowGap: 4 }}>
            <div style={{ minWidth: 0, flex: '1 1 240px' }}>
              <Space size={6} wrap>
                <Typography.Text strong delete={inactive} data-testid="resident-item-name">{r.name}</Typography.Text>
                <Tag>{t(`registry.relation.${r.relation}` as MessageKey)}</Tag>
                {r.residenceType !== 'permanent' && <Tag color="blue">{t(`registry.residence.${r.residenceType}` as MessageKey)}</Tag>}
                {inactive && <Tag color="default">{t(`registry.status.${r.status}` as MessageKey)} {r.statusDate ?? ''}</Tag>}
                {r.anonymised && <Tag>{t('registry.anonymised')}</Tag>}
                {r.needs.map((n) => (
                  <Tooltip key={n.kind} title={n.note}>
                    <Tag color="volcano">{t(`registry.need.${n.kind}` as MessageKey)}{n.note ? `：${n.note}` : ''}</Tag>
                  </Tooltip>
                ))}
              </Space>
              <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13, marginTop: 2 }}>
                <Space size={10} wrap>
                  <span>{[r.sex ? t(`registry.sex.${r.sex}` as MessageKey) : '', r.birthDate ?? r.birthYear ?? ''].filter(Boolean).join(' ')}</span>
                  {r.idNumberMasked && <span data-testid="resident-id-masked">{t(`registry.idType.${r.idType}` as MessageKey)} {r.idNumberMasked}</span>}
                  {r.phoneMasked && <span data-testid="resident-phone-masked">{r.phoneMasked}</span>}
                  {canUnmask && (r.idNumberMasked || r.phoneMasked) && (
                    <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => onUnmask(r)} data-testid="resident-unmask" style={{ padding: 0 }}>
                      {t('registry.show')}
                    </Button>
                  )}
                </Space>
              </div>
              <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{r.address}</div>
            </div>
          </List.Item>
        );
      }}
    />
  );
}

import { Button, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { PersonView } from '../../api/people.ts';
import { useLabels, useT } from '../../i18n/index.tsx';

interface Props {
  items: PersonView[];
  loading: boolean;
  compact: boolean;
  canWrite: boolean;
  onEdit: (p: PersonView) => void;
  onDelete: (p: PersonView) => void;
}

const POLITICAL_COLORS: Record<string, string> = { member: 'red', activist: 'orange', non_member: 'default' };

/** A table on wide screens; on a phone a list of two-line rows that a thumb can hit. */
export function PeopleList({ items, loading, compact, canWrite, onEdit, onDelete }: Props) {
  const t = useT();
  const { label } = useLabels();

  const actions = (p: PersonView) =>
    canWrite && (
      <Space size={0}>
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(p)} data-testid="person-edit">
          {compact ? null : t('common.edit')}
        </Button>
        <Popconfirm title={t('common.confirmDelete', { name: p.name })} onConfirm={() => onDelete(p)} okText={t('common.delete')} cancelText={t('common.cancel')}>
          <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
        </Popconfirm>
      </Space>
    );

  if (compact) {
    return (
      <List
        loading={loading}
        dataSource={items}
        data-testid="people-list"
        renderItem={(p) => (
          <List.Item actions={canWrite ? [actions(p)] : undefined} onClick={() => canWrite && onEdit(p)} style={{ paddingInline: 4 }}>
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <span>{p.name}</span>
                  <Tag color={POLITICAL_COLORS[p.politicalStatus]}>{label('political', p.politicalStatus)}</Tag>
                  <Tag>{label('category', p.category)}</Tag>
                </Space>
              }
              description={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[p.unitName, p.homeNodeName, p.phoneMasked].filter(Boolean).join(' · ') || '—'}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    );
  }

  return (
    <Table<PersonView>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="people-table"
      columns={[
        { title: t('people.name'), dataIndex: 'name', fixed: 'left', width: 110 },
        { title: t('people.sex'), dataIndex: 'sex', width: 70, render: (v: string | null) => label('sex', v) || '—' },
        {
          title: t('people.political'),
          dataIndex: 'politicalStatus',
          width: 120,
          render: (v: string) => <Tag color={POLITICAL_COLORS[v]}>{label('political', v)}</Tag>,
        },
        { title: t('people.category'), dataIndex: 'category', width: 110, render: (v: string) => label('category', v) },
        { title: t('people.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
        { title: t('people.branch'), dataIndex: 'branchName', render: (v: string | null) => v ?? '—' },
        { title: t('people.home'), dataIndex: 'homeNodeName', render: (v: string | null) => v ?? '—' },
        { title: t('people.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
        { title: t('people.idNumber'), dataIndex: 'idNumberMasked', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
        {
          title: t('people.skills'),
          dataIndex: 'skills',
          render: (v: string[]) => (v.length ? v.map((s) => <Tag key={s}>{s}</Tag>) : '—'),
        },
        ...(canWrite ? [{ title: t('common.actions'), key: 'actions', fixed: 'right' as const, width: 120, render: (_: unknown, p: PersonView) => actions(p) }] : []),
      ]}
    />
  );
}

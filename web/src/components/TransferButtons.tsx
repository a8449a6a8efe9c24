import { useState } from 'react';
import { Button, Dropdown, Space } from 'antd';
import type { MenuProps } from 'antd';
import { DownloadOutlined, FileExcelOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { useCan } from '../auth/AuthContext.tsx';
import { download, exportUrl, templateUrl, type SheetFormat, type TransferKind } from '../api/transfer.ts';
import { useT } from '../i18n/index.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { useIsPhone } from './useIsPhone.ts';

const FORMATS: Array<{ key: SheetFormat; label: string }> = [
  { key: 'xlsx', label: 'Excel (.xlsx)' },
  { key: 'csv', label: 'CSV (.csv)' },
];

/** 导入 / 导出 / 下载模板 for one kind of data, each shown only when the role may use it; one menu on a phone. */
export function TransferButtons({ kind, onImported }: { kind: TransferKind; onImported: () => void }) {
  const t = useT();
  const can = useCan();
  const phone = useIsPhone();
  const [open, setOpen] = useState(false);
  const mayImport = can('data.import');
  const mayExport = can('data.export');
  if (!mayImport && !mayExport) return null;
  const dialog = <ImportDialog kind={kind} open={open} onClose={() => setOpen(false)} onImported={onImported} />;

  if (phone) {
    const items: MenuProps['items'] = [
      ...(mayImport ? [{ key: 'import', icon: <UploadOutlined />, label: t('transfer.import') }] : []),
      ...(mayExport ? FORMATS.map((f) => ({ key: `export:${f.key}`, icon: <DownloadOutlined />, label: `${t('transfer.export')} · ${f.label}` })) : []),
      ...(mayImport ? FORMATS.map((f) => ({ key: `template:${f.key}`, icon: <FileExcelOutlined />, label: `${t('transfer.template')} · ${f.label}` })) : []),
    ];
    const onClick: MenuProps['onClick'] = ({ key }) => {
      const [action, format] = key.split(':') as [string, SheetFormat];
      if (action === 'import') setOpen(true);
      else download(action === 'export' ? exportUrl(kind, format) : templateUrl(kind, format));
    };
    return (
      <>
        <Dropdown menu={{ items, onClick }} trigger={['click']}>
          <Button icon={<SwapOutlined />} data-testid={`${kind}-transfer`}>
            {t('transfer.menu')}
          </Button>
        </Dropdown>
        {dialog}
      </>
    );
  }

  return (
    <Space wrap size={8}>
      {mayImport && (
        <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid={`${kind}-import`}>
          {t('transfer.import')}
        </Button>
      )}
      {mayExport && (
        <Dropdown menu={{ items: FORMATS, onClick: ({ key }) => download(exportUrl(kind, key as SheetFormat)) }}>
          <Button icon={<DownloadOutlined />} data-testid={`${kind}-export`}>
            {t('transfer.export')}
          </Button>
        </Dropdown>
      )}
      {mayImport && (
        <Dropdown menu={{ items: FORMATS, onClick: ({ key }) => download(templateUrl(kind, key as SheetFormat)) }}>
          <Button icon={<FileExcelOutlined />} data-testid={`${kind}-template`}>
            {t('transfer.template')}
          </Button>
        </Dropdown>
      )}
      {dialog}
    </Space>
  );
}

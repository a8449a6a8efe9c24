import { Table, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';

/** One spreadsheet (XLSX or CSV) picked or dropped; nothing is uploaded until the dialog's own button. */
export function FileDrop({ file, onFile, label, testId }: { file: File | null; onFile: (file: File | null) => void; label: string; testId: string }) {
  return (
    <Upload.Dragger
      accept=".xlsx,.csv"
      maxCount={1}
      beforeUpload={(f) => {
        onFile(f);
        return false;
      }}
      onRemove={() => onFile(null)}
      fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
      data-testid={testId}
    >
      <p className="ant-upload-drag-icon"><InboxOutlined /></p>
      <p className="ant-upload-text">{label}</p>
    </Upload.Dragger>
  );
}

export interface LineError {
  row: number;
  column: string;
  /** The cell as read, where the reader reports it. */
  value?: string;
  message: string;
}

/** The lines of a file in error, one per problem, ten to a page. `titles` names the columns in the user's language. */
export function LineErrorTable({ errors, titles, testId }: {
  errors: LineError[]; titles: { row: string; column: string; value?: string; message: string }; testId: string;
}) {
  return (
    <Table<LineError>
      style={{ marginTop: 12 }}
      size="small"
      rowKey={(r, i) => `${r.row}-${r.column}-${i}`}
      dataSource={errors}
      pagination={errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: titles.row, dataIndex: 'row', width: 70 },
        { title: titles.column, dataIndex: 'column', width: 130 },
        ...(titles.value ? [{ title: titles.value, dataIndex: 'value', width: 160 }] : []),
        { title: titles.message, dataIndex: 'message' },
      ]}
      data-testid={testId}
    />
  );
}

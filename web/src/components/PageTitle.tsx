import type { ReactNode } from 'react';
import { Typography } from 'antd';

export function PageTitle({ title, actions }: { title: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-title">
      <Typography.Title level={3}>{title}</Typography.Title>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

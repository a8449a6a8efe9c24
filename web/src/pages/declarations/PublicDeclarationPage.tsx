import { Typography } from 'antd';
import { useT } from '../../i18n/index.tsx';

// Placeholder: filled in by the capability's work.
export default function PublicDeclarationPage() {
  const t = useT();
  return <Typography.Title level={3}>{t('declarations.nav')}</Typography.Title>;
}

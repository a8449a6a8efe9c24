import { Typography } from 'antd';
import { useT } from '../../i18n/index.tsx';

// Placeholder: filled in by the capability's work.
export default function NatCoveragePage() {
  const t = useT();
  return <Typography.Title level={3}>{t('natCoverage.nav')}</Typography.Title>;
}

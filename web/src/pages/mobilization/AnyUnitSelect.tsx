import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { mobilizationApi } from '../../api/mobilization.ts';
import { useT } from '../../i18n/index.tsx';

/** Any unit by name (a community pairs with, or records the team of, a unit located elsewhere). */
export function AnyUnitSelect({ value, onChange, testId }: { value?: string | null; onChange?: (v: string | null) => void; testId?: string }) {
  const t = useT();
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let alive = true;
    mobilizationApi
      .unitOptions()
      .then((l) => alive && setOptions(l.map((u) => ({ value: u.id, label: u.name }))))
      .catch(() => undefined)
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, []);
  return (
    <Select showSearch={{ optionFilterProp: 'label' }} allowClear value={value ?? undefined} onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options} loading={loading} placeholder={t('common.selectPlaceholder')} style={{ width: '100%' }} data-testid={testId} />
  );
}

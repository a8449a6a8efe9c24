import { useEffect, useState } from 'react';
import { Drawer, Timeline } from 'antd';
import { registryApi, type ResidentDetailView, type ResidentView } from '../../api/registry.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT } from '../../i18n/index.tsx';

/** Registration, moves and status changes of one resident, oldest first. */
export function HistoryDrawer({ resident, onClose }: { resident: ResidentView | null; onClose: () => void }) {
  const t = useT();
  const phone = useIsPhone();
  const [detail, setDetail] = useState<ResidentDetailView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setDetail(null);
    setError(null);
    if (resident) registryApi.get(resident.id).then(setDetail, setError);
  }, [resident]);
  return (
    <Drawer open={!!resident} onClose={onClose} title={`${t('registry.history')}：${resident?.name ?? ''}`} width={phone ? '100%' : 420}>
      <ApiErrorAlert error={error} />
      {detail && (
        <Timeline data-testid="resident-history" items={detail.history.map((e) => ({
          children: (
            <div>
              <strong>{t(`registry.event.${e.kind}`)}</strong> {e.date}
              {e.fromAddress && e.kind === 'moved' && <div>{e.fromAddress} → {e.toAddress}</div>}
              {e.kind === 'registered' && e.toAddress && <div>{e.toAddress}</div>}
              {e.reason && <div>{t('registry.reason')}：{e.reason}</div>}
              <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{e.actorName} · {new Date(e.at).toLocaleString()}</div>
            </div>
          ),
        }))} />
      )}
    </Drawer>
  );
}

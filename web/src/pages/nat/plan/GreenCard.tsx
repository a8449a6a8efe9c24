import { useT } from '../../../i18n/index.tsx';
import { certificateLink, shanghaiDateTime, type CertificateView } from './api.ts';
import { Qr } from './Qr.tsx';

/** The green card (完成证明): QR of the signed certificate, round, person (masked) and times. Printable. */
export function GreenCard({ cert }: { cert: CertificateView }) {
  const t = useT();
  return (
    <div className="nat-green-card" data-testid="nat-green-card">
      <h3>{t('natPlan.cert.title')}</h3>
      <div style={{ fontSize: 16, fontWeight: 600 }}>{cert.roundName}</div>
      <div style={{ margin: '8px 0' }}><Qr text={certificateLink(cert.token)} size={200} testId="nat-green-card-qr" /></div>
      <div style={{ fontSize: 20, fontWeight: 700 }}>{cert.nameMasked}</div>
      <div>{t('natPlan.cert.sampledAt', { at: shanghaiDateTime(cert.sampledAt) })}</div>
      <div>{t('natPlan.cert.validUntil', { at: shanghaiDateTime(cert.expiresAt) })}</div>
      <div style={{ color: '#666', fontSize: 12 }}>{t('natPlan.cert.issuer', { issuer: cert.issuer })}</div>
    </div>
  );
}

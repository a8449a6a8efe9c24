import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Space, Spin, Tag } from 'antd';
import { CameraOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { useT } from '../../i18n/index.tsx';
import { personalCodeLink, planApi, shanghaiDateTime, type SelfServiceView, type VerifyVerdict } from './plan/api.ts';
import { GreenCard } from './plan/GreenCard.tsx';
import { Qr } from './plan/Qr.tsx';
import { QrScanner, canScan } from './plan/QrScanner.tsx';
import { loadKey, tokenIn, verifyOffline, type OfflineVerdict, type StoredKey } from './plan/verify.ts';
import './plan/plan.css';

const SELF_STORE = 'fangkong.nat.me';

/**
 * Public page, no sign-in. `/verify` checks a completion certificate with the public key alone (loaded once, kept
 * for offline use), and asks the server about revocation when it can. `/verify#c=<token>` checks that token at
 * once (a phone camera opens the link on a green card); `/verify#me=<code>` is a resident's own page: their
 * personal code and their certificates.
 */
export default function CertificateVerifyPage() {
  const t = useT();
  const hash = useHash();
  const meCode = hash.startsWith('#me=') ? decodeURIComponent(hash.slice(4)) : null;
  return (
    <div style={{ maxWidth: 520, margin: '0 auto', padding: 16 }} data-testid="page-verify">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <h2 style={{ margin: 0 }}><SafetyCertificateOutlined /> {meCode ? t('natPlan.me.title') : t('natPlan.verify.title')}</h2>
        <LangSwitch />
      </div>
      {meCode ? <ResidentView code={meCode} /> : <Verifier key={hash} initial={hash.startsWith('#c=') ? decodeURIComponent(hash.slice(3)) : ''} />}
    </div>
  );
}

/** The URL's hash, following changes (a scanned link opened in the same tab changes only the hash). */
function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

function Verifier({ initial }: { initial: string }) {
  const t = useT();
  const [key, setKey] = useState<StoredKey | null>(null);
  const [keyFresh, setKeyFresh] = useState(false);
  const [keyLoaded, setKeyLoaded] = useState(false);
  const [text, setText] = useState(initial);
  const [offline, setOffline] = useState<OfflineVerdict | null>(null);
  const [online, setOnline] = useState<VerifyVerdict | 'unreachable' | null>(null);
  const [scanning, setScanning] = useState(false);
  const [scanError, setScanError] = useState<unknown>(null);

  useEffect(() => {
    void loadKey().then(({ key: k, fresh }) => { setKey(k); setKeyFresh(fresh); setKeyLoaded(true); });
  }, []);

  const check = useCallback(async (value: string) => {
    setOnline(null);
    const verdict = await verifyOffline(value, key);
    setOffline(verdict);
    const token = tokenIn(value);
    // The signature alone settles forgery; revocation (withdrawn, positive) needs the server when reachable.
    if (token && verdict.valid) planApi.verify(token).then(setOnline).catch(() => setOnline('unreachable'));
  }, [key]);

  useEffect(() => {
    if (keyLoaded && initial) void check(initial);
  }, [keyLoaded, initial, check]);

  const onScanned = useCallback((value: string) => { setScanning(false); setText(value); void check(value); }, [check]);
  const onScanError = useCallback((e: unknown) => { setScanning(false); setScanError(e); }, []);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {!keyLoaded ? <Spin /> : key ? (
        <Tag color={keyFresh ? 'green' : 'orange'} data-testid="verify-key-state">
          {keyFresh ? t('natPlan.verify.keyReady', { id: key.keyId }) : t('natPlan.verify.keyCached', { id: key.keyId })}
        </Tag>
      ) : <Alert type="error" showIcon message={t('natPlan.verify.noKey')} />}
      <Input.TextArea
        value={text} onChange={(e) => setText(e.target.value)} rows={3} placeholder={t('natPlan.verify.paste')} data-testid="verify-token"
      />
      <div style={{ display: 'flex', gap: 8 }}>
        <Button type="primary" size="large" block disabled={!text.trim() || !keyLoaded} onClick={() => void check(text)} data-testid="verify-check">
          {t('natPlan.verify.check')}
        </Button>
        {canScan() && (
          <Button size="large" icon={<CameraOutlined />} onClick={() => { setScanError(null); setScanning((s) => !s); }} data-testid="verify-scan">
            {t('natPlan.verify.scan')}
          </Button>
        )}
      </div>
      {scanning && <QrScanner onResult={onScanned} onError={onScanError} />}
      {scanError ? <Alert type="warning" showIcon message={t('natPlan.verify.cameraError')} /> : null}
      {offline && <VerdictPanel offline={offline} online={online} />}
    </Space>
  );
}

function VerdictPanel({ offline, online }: { offline: OfflineVerdict; online: VerifyVerdict | 'unreachable' | null }) {
  const t = useT();
  const serverSaysNo = online && online !== 'unreachable' && !online.valid ? online.reason : null;
  if (!offline.valid || serverSaysNo) {
    const reason = serverSaysNo ?? (offline.valid ? 'malformed' : offline.reason);
    return (
      <div className="nat-verdict bad" data-testid="verify-verdict" data-valid="false">
        <div className="big">✗ {t('natPlan.verify.invalid')}</div>
        <div>{t(`natPlan.verify.reason.${reason}` as 'natPlan.verify.reason.expired')}</div>
      </div>
    );
  }
  const c = offline.claims;
  return (
    <div className="nat-verdict ok" data-testid="verify-verdict" data-valid="true">
      <div className="big">✓ {t('natPlan.verify.valid')}</div>
      <div style={{ fontSize: 24, fontWeight: 700 }}>{c.h}</div>
      {online && online !== 'unreachable' && online.valid && <div>{online.roundName}</div>}
      <div>{t('natPlan.cert.sampledAt', { at: shanghaiDateTime(c.t) })}</div>
      <div>{t('natPlan.cert.validUntil', { at: shanghaiDateTime(c.x) })}</div>
      {c.i && <div style={{ fontSize: 14 }}>{t('natPlan.cert.issuer', { issuer: c.i })}</div>}
      <div style={{ fontSize: 13, marginTop: 8, opacity: 0.9 }} data-testid="verify-mode">
        {online === null ? t('natPlan.verify.checkingServer') : online === 'unreachable' ? t('natPlan.verify.offlineOnly') : t('natPlan.verify.serverConfirmed')}
      </div>
    </div>
  );
}

/** A resident's own page: the personal code (to show at the desk) and the certificates of recent rounds. */
function ResidentView({ code }: { code: string }) {
  const t = useT();
  const [view, setView] = useState<SelfServiceView | null>(null);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    planApi.me(code).then((v) => {
      setView(v);
      try { localStorage.setItem(SELF_STORE, JSON.stringify(v)); } catch { /* private mode: no cache */ }
    }).catch((e: unknown) => {
      // Offline: show what this phone saw last time, if it was the same code.
      try {
        const cached = JSON.parse(localStorage.getItem(SELF_STORE) ?? 'null') as SelfServiceView | null;
        if (cached && cached.code === tokenIn(code)) { setView(cached); setStale(true); return; }
      } catch { /* nothing cached */ }
      setError(e);
    });
  }, [code]);
  if (error) return <ApiErrorAlert error={error} />;
  if (!view) return <Spin />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {stale && <Alert type="warning" showIcon message={t('natPlan.me.stale')} />}
      <Card size="small" style={{ textAlign: 'center' }} data-testid="me-code">
        <div style={{ fontSize: 20, fontWeight: 700 }}>{view.nameMasked}</div>
        <div style={{ color: '#666' }}>{view.household}</div>
        <div style={{ margin: '12px 0' }}><Qr text={personalCodeLink(view.code)} size={240} /></div>
        <div>{t('natPlan.me.showAtDesk')}</div>
      </Card>
      {view.certificates.length === 0
        ? <Alert type="info" showIcon message={t('natPlan.me.noCertificate')} />
        : view.certificates.map((c) => <GreenCard key={c.roundId} cert={c} />)}
    </Space>
  );
}

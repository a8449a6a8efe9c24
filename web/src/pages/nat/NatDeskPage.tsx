import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Input, Result, Spin, Tag, type InputRef } from 'antd';
import { CloudSyncOutlined, DisconnectOutlined, InboxOutlined, LockOutlined, UndoOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { maskIdNumber, parseMainlandIdNumber } from '@shared/platform/id-number.ts';
import { errorMessage } from '../../components/errorMessage.ts';
import { getLang, useT } from '../../i18n/index.tsx';
import { fieldMessage } from '@shared/platform/validation.ts';
import { CameraScan } from './desk/CameraScan.tsx';
import { useDesk, type LineState } from './desk/useDesk.ts';
import './desk/desk.css';

const BARCODE = /^[A-Za-z0-9-]{6,32}$/;
const STATE_COLOR: Record<LineState, string> = { queued: 'gold', done: 'green', duplicate: 'orange', refused: 'red', undone: 'default' };

/**
 * The sampling desk (采样台), full screen, phone first: one input that stays focused for a hand scanner (it types the
 * code and Enter) or a thumb, the current tube and its fill in big type, the latest scans with undo, and the count
 * of scans still waiting to reach the server. Works offline: see desk/useDesk.ts and desk/scanQueue.ts.
 */
export default function NatDeskPage() {
  const t = useT();
  const { deskId = '' } = useParams();
  const d = useDesk(deskId);
  const [value, setValue] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const input = useRef<InputRef>(null);
  const focus = () => setTimeout(() => input.current?.focus(), 0);
  useEffect(() => { if (d.desk) focus(); }, [d.desk]);

  const submit = useCallback(async (raw: string) => {
    const v = raw.trim();
    setValue('');
    setInputError(null);
    if (!v) return;
    if (v.startsWith('FK1.')) {
      if (!(await d.scan({ code: v }, t('natDesk.input')))) setInputError(t('natDesk.scanTubeFirst'));
    } else if (/^\d{15}$|^\d{17}[\dXx]$/.test(v.replace(/\s+/g, ''))) {
      const parsed = parseMainlandIdNumber(v);
      if (!parsed.ok) setInputError(fieldMessage(`id_number.${parsed.reason}`, getLang()));
      else if (!(await d.scan({ idNumber: parsed.value }, maskIdNumber(parsed.value)))) setInputError(t('natDesk.scanTubeFirst'));
    } else if (BARCODE.test(v)) {
      await d.openTube(v.toUpperCase());
    } else {
      setInputError(t('natDesk.badInput'));
    }
    focus();
  }, [d, t]);

  if (d.loadError) return <div className="natdesk-page"><Result status="warning" title={errorMessage(d.loadError)} /></div>;
  if (!d.desk) return <div className="natdesk-page natdesk-loading"><Spin size="large" /></div>;
  const tube = d.tube;
  const full = tube && !tube.open;
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => { if (e.key === 'Enter') { e.preventDefault(); void submit(value); } };

  return (
    <div className="natdesk-page" data-testid="natdesk-page" onClick={(e) => { if ((e.target as HTMLElement).tagName !== 'BUTTON') focus(); }}>
      <div className="natdesk-head">
        <div className="natdesk-desk">{d.desk.siteName} · {d.desk.name}</div>
        <div className="natdesk-round">{d.desk.roundName}</div>
        <div className="natdesk-sync" data-testid="natdesk-waiting">
          {d.waiting > 0 ? <Tag color="gold" icon={<CloudSyncOutlined />}>{t('natDesk.waiting', { n: d.waiting })}</Tag>
            : <Tag color="green">{t('natDesk.allSent')}</Tag>}
          {!d.reachable && <Tag color="red" icon={<DisconnectOutlined />} />}
          <Link to={`/nat/bags/${d.desk.siteId}`} className="natdesk-bags-link" data-testid="natdesk-bags-link"><InboxOutlined /> {t('natDesk.bags.link')}</Link>
        </div>
      </div>
      {d.desk.roundStatus !== 'open' && <Alert type="warning" showIcon message={t('natDesk.roundNotOpen')} />}
      {!d.reachable && <Alert type="info" showIcon message={t('natDesk.offline')} className="natdesk-gap" />}

      <div className={`natdesk-tube ${full ? 'natdesk-tube-full' : ''}`} data-testid="natdesk-tube">
        <div className="natdesk-tube-label">{t('natDesk.tube')}</div>
        <div className="natdesk-tube-barcode" data-testid="natdesk-tube-barcode">{tube ? tube.barcode : t('natDesk.noTube')}</div>
        {tube && <div className="natdesk-tube-fill" data-testid="natdesk-fill">{tube.count}/{tube.capacity}</div>}
        {full && <div className="natdesk-tube-state">{tube.count >= tube.capacity ? t('natDesk.tubeFull') : t('natDesk.tubeClosed')}</div>}
      </div>

      <Input ref={input} size="large" className="natdesk-input" data-testid="natdesk-input" value={value} autoComplete="off"
        placeholder={tube && tube.open ? t('natDesk.inputHintPerson') : t('natDesk.inputHintTube')}
        onChange={(e) => setValue(e.target.value)} onKeyDown={onKey}
        suffix={<Button type="primary" data-testid="natdesk-enter" onClick={() => void submit(value)}>{t('natDesk.enter')}</Button>} />
      {inputError && <Alert type="error" showIcon message={inputError} className="natdesk-gap" data-testid="natdesk-input-error" />}
      {d.notice && <Alert type={d.notice.kind} showIcon closable onClose={() => d.setNotice(null)} className="natdesk-gap" data-testid="natdesk-notice"
        message={d.notice.kind === 'warning' ? t('natDesk.duplicate', { name: d.notice.text }) : d.notice.text} />}

      <div className="natdesk-actions">
        <Button size="large" icon={<UndoOutlined />} onClick={() => void d.undoLast()} disabled={!tube} data-testid="natdesk-undo">{t('natDesk.undo')}</Button>
        <Button size="large" icon={<LockOutlined />} onClick={() => void d.closeTube()} disabled={!tube || !tube.open} data-testid="natdesk-close">{t('natDesk.closeTube')}</Button>
      </div>
      <CameraScan onCode={(v) => void submit(v)} />

      {d.household.length > 0 && tube?.open && (
        <div className="natdesk-household">
          <div className="natdesk-section">{t('natDesk.household')}</div>
          {d.household.map((m) => (
            <Button key={m.residentId} size="large" block icon={<UserAddOutlined />} onClick={() => void d.scan({ residentId: m.residentId }, m.name)}>{m.name}</Button>
          ))}
        </div>
      )}

      <div className="natdesk-section">{t('natDesk.last')} · {t('natDesk.sampledHere', { n: d.desk.sampledCount })}</div>
      <div className="natdesk-lines" data-testid="natdesk-lines">
        {d.lines.length === 0 && <div className="natdesk-none">{t('natDesk.none')}</div>}
        {d.lines.slice(0, 12).map((l) => (
          <div key={l.id} className={`natdesk-line natdesk-line-${l.state}`} data-testid="natdesk-line">
            <span className="natdesk-line-label">{l.label}</span>
            <Tag color={STATE_COLOR[l.state]}>{t(`natDesk.state.${l.state}`)}</Tag>
          </div>
        ))}
      </div>
    </div>
  );
}

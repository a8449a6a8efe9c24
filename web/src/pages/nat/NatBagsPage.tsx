import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Input, Result, Segmented, Spin, Tag, type InputRef } from 'antd';
import { InboxOutlined, LockOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { newId } from '@shared/platform/ids.ts';
import { errorMessage } from '../../components/errorMessage.ts';
import { useLoad } from '../../components/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { bagsApi, normaliseBarcode, type BagView } from './bags/bagsApi.ts';
import { HandoverPanel } from './bags/HandoverPanel.tsx';
import './desk/desk.css';
import './bags/bags.css';

export const BAG_STATUS_COLOR: Record<string, string> = { open: 'blue', sealed: 'gold', handed_over: 'green' };
type Notice = { kind: 'success' | 'warning' | 'error'; text: string };

/**
 * A site's transport bags (转运袋), full screen, phone first — a site lead at a table outdoors with a hand scanner or a
 * thumb. Pack: scan a bag barcode to open it, then closed tubes (a keyboard-wedge scanner types the code and Enter);
 * the bag seals itself when full. Handover: scan the bag and its tubes (or enter their count) and the courier's name;
 * the answer shows match, missing and unexpected tubes.
 */
export default function NatBagsPage() {
  const t = useT();
  const { siteId = '' } = useParams();
  const [version, setVersion] = useState(0);
  const board = useLoad(useCallback(() => bagsApi.site(siteId), [siteId]), version);
  const [mode, setMode] = useState<'pack' | 'handover'>('pack');
  const [handoverBag, setHandoverBag] = useState('');
  const [current, setCurrent] = useState<BagView | null>(null);
  const [picked, setPicked] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const input = useRef<InputRef>(null);
  // A bag barcode keeps its client id until the server answers, so a retry opens the same bag.
  const pendingIds = useRef(new Map<string, string>());
  const reload = () => setVersion((v) => v + 1);
  const focus = () => setTimeout(() => input.current?.focus(), 0);

  // After a reload, pick up the newest open bag (a second phone, a reloaded page) unless one was chosen.
  const data = board.data;
  useEffect(() => {
    if (!data) return;
    if (current) setCurrent(data.bags.find((b) => b.id === current.id) ?? current);
    else if (!picked) setCurrent(data.bags.find((b) => b.status === 'open') ?? null);
  }, [data]);
  useEffect(() => { if (mode === 'pack' && data) focus(); }, [mode, data]);

  const run = async (work: () => Promise<Notice | null>) => {
    setBusy(true);
    try {
      setNotice(await work());
    } catch (e) {
      setNotice({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
      reload();
      focus();
    }
  };

  const submit = (raw: string) => {
    setValue('');
    if (!raw.trim() || !data) return;
    const barcode = normaliseBarcode(raw);
    if (!barcode) { setNotice({ kind: 'error', text: t('natDesk.bags.badBarcode') }); return; }
    const known = data.bags.find((b) => b.barcode === barcode);
    if (known && known.status === 'handed_over') { setNotice({ kind: 'error', text: t('natDesk.bags.handedAlready', { barcode }) }); return; }
    if (known) { setCurrent(known); setPicked(true); setNotice({ kind: 'success', text: t('natDesk.bags.switched', { barcode }) }); return; }
    if (current && current.status === 'open') { void addTube(current, barcode); return; }
    void run(async () => {
      const id = pendingIds.current.get(barcode) ?? newId();
      pendingIds.current.set(barcode, id);
      const bag = await bagsApi.open(id, siteId, barcode);
      pendingIds.current.delete(barcode);
      setCurrent(bag);
      setPicked(true);
      return { kind: 'success', text: t('natDesk.bags.opened', { barcode }) };
    });
  };

  const addTube = (bag: BagView, barcode: string) => run(async () => {
    if (bag.tubes.includes(barcode)) return { kind: 'warning', text: t('natDesk.bags.already', { barcode }) };
    const after = await bagsApi.addTube(bag.id, barcode);
    setCurrent(after);
    if (after.status === 'sealed') return { kind: 'warning', text: t('natDesk.bags.full', { n: after.tubeCount }) };
    return { kind: 'success', text: t('natDesk.bags.added', { barcode }) };
  });

  const seal = (bag: BagView) => run(async () => {
    setCurrent(await bagsApi.seal(bag.id));
    return null;
  });

  if (board.error && !data) return <div className="natdesk-page"><Result status="warning" title={errorMessage(board.error)} /></div>;
  if (!data) return <div className="natdesk-page natdesk-loading"><Spin size="large" /></div>;
  const open = current?.status === 'open';

  return (
    <div className="natdesk-page" data-testid="natbags-page">
      <div className="natdesk-head">
        <div className="natdesk-desk">{data.site.name} · {t('natDesk.bags.title')}</div>
        <div className="natdesk-round">{data.site.roundName}</div>
      </div>
      <Segmented block size="large" className="natbags-mode" value={mode} onChange={(v) => setMode(v as 'pack' | 'handover')} data-testid="natbags-mode"
        options={[{ value: 'pack', label: t('natDesk.bags.pack'), icon: <InboxOutlined /> }, { value: 'handover', label: t('natDesk.bags.handover'), icon: <SendOutlined /> }]} />

      {mode === 'handover' ? (
        <HandoverPanel key={handoverBag} board={data} initialBag={handoverBag} onDone={reload} />
      ) : (
        <>
          <div className={`natdesk-tube ${current && !open ? 'natdesk-tube-full' : ''}`} data-testid="natbags-current">
            <div className="natdesk-tube-label">{t('natDesk.bags.bag')}</div>
            <div className="natdesk-tube-barcode" data-testid="natbags-current-barcode">{current ? current.barcode : t('natDesk.bags.noBag')}</div>
            {current && <div className="natdesk-tube-fill" data-testid="natbags-fill">{current.tubeCount}/{current.capacity}</div>}
            {current && <Tag color={BAG_STATUS_COLOR[current.status]}>{t(`natDesk.bags.status.${current.status}` as 'natDesk.bags.status.open')}</Tag>}
          </div>
          <Input ref={input} size="large" className="natdesk-input" data-testid="natbags-input" value={value} autoComplete="off" disabled={busy}
            placeholder={open ? t('natDesk.bags.hintTube') : t('natDesk.bags.hintBag')}
            onChange={(e) => setValue(e.target.value)} onPressEnter={() => submit(value)}
            suffix={<Button type="primary" data-testid="natbags-enter" onClick={() => submit(value)}>{t('natDesk.enter')}</Button>} />
          {notice && <Alert type={notice.kind} showIcon className="natdesk-gap" data-testid="natbags-notice" message={notice.text} />}
          {current && !open && current.status === 'sealed' && <Alert type="info" showIcon className="natdesk-gap" message={t('natDesk.bags.notOpen')} />}
          <div className="natdesk-actions">
            <Button size="large" icon={<PlusOutlined />} onClick={() => { setCurrent(null); setPicked(true); setNotice(null); focus(); }} disabled={!current} data-testid="natbags-new">{t('natDesk.bags.newBag')}</Button>
            <Button size="large" icon={<LockOutlined />} onClick={() => current && void seal(current)} disabled={!open || current.tubeCount === 0} data-testid="natbags-seal">{t('natDesk.bags.seal')}</Button>
          </div>

          {current && current.tubes.length > 0 && (
            <>
              <div className="natdesk-section">{t('natDesk.bags.inBag')}</div>
              <div className="natbags-chips" data-testid="natbags-tubes">{current.tubes.map((b) => <Tag key={b} className="natbags-chip">{b}</Tag>)}</div>
            </>
          )}

          <div className="natdesk-section">{t('natDesk.bags.loose', { n: data.looseTubes.length })}{open && data.looseTubes.length > 0 ? ` · ${t('natDesk.bags.tapToAdd')}` : ''}</div>
          <div className="natdesk-lines" data-testid="natbags-loose">
            {data.looseTubes.length === 0 && <div className="natdesk-none">{t('natDesk.bags.looseNone')}</div>}
            {data.looseTubes.map((tube) => (
              <button type="button" key={tube.barcode} className="natbags-row" disabled={!open || busy} onClick={() => current && void addTube(current, tube.barcode)} data-testid="natbags-loose-tube">
                <span className="natbags-row-main">{tube.barcode}</span>
                <span className="natbags-row-side">{tube.deskName ?? ''} · {t('natDesk.bags.people', { n: tube.sampleCount })}</span>
              </button>
            ))}
          </div>
        </>
      )}

      <div className="natdesk-section">{t('natDesk.bags.siteBags')}</div>
      <div className="natdesk-lines" data-testid="natbags-list">
        {data.bags.length === 0 && <div className="natdesk-none">{t('natDesk.bags.none')}</div>}
        {data.bags.map((b) => (
          <div key={b.id} className="natdesk-line" data-testid="natbags-bag">
            <span className="natdesk-line-label">
              <b>{b.barcode}</b> · {t('natDesk.bags.tubes', { n: b.tubeCount })}
              {b.status === 'handed_over' && (
                <span className={b.handedTubeCount === b.tubeCount ? 'natbags-ok' : 'natbags-bad'}> · {t('natDesk.bags.courierShort', { name: b.courierName ?? '', n: b.handedTubeCount ?? 0 })}</span>
              )}
            </span>
            <span className="natbags-line-actions">
              <Tag color={BAG_STATUS_COLOR[b.status]}>{t(`natDesk.bags.status.${b.status}` as 'natDesk.bags.status.open')}</Tag>
              {b.status !== 'handed_over' && (
                <Button size="small" onClick={() => { setHandoverBag(b.barcode); setMode('handover'); }}>{t('natDesk.bags.toHandover')}</Button>
              )}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Input, InputNumber, Segmented, Tag, type InputRef } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { errorMessage } from '../../../components/errorMessage.ts';
import { useT } from '../../../i18n/index.tsx';
import { bagsApi, normaliseBarcode, type HandoverResult, type SiteBagsView } from './bagsApi.ts';
import { hhmmss } from '../../../components/shanghaiTime.ts';

/**
 * Courier handover (交接转运): the bag's barcode, then the tubes the courier scans out of it (or just their count),
 * then the courier's name. The server compares them with the bag's record and keeps the handover; the answer is shown
 * big: match, or the missing and unexpected barcodes.
 */
export function HandoverPanel({ board, initialBag, onDone }: { board: SiteBagsView; initialBag: string; onDone: () => void }) {
  const t = useT();
  const [bagText, setBagText] = useState(initialBag);
  const [by, setBy] = useState<'scan' | 'count'>('scan');
  const [tubeText, setTubeText] = useState('');
  const [tubes, setTubes] = useState<string[]>([]);
  const [count, setCount] = useState<number | null>(null);
  const [courier, setCourier] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<HandoverResult | null>(null);
  const bagInput = useRef<InputRef>(null);
  const tubeInput = useRef<InputRef>(null);
  useEffect(() => { (initialBag ? tubeInput : bagInput).current?.focus(); }, [initialBag]);

  const bagBarcode = normaliseBarcode(bagText);
  const bag = bagBarcode ? board.bags.find((b) => b.barcode === bagBarcode) ?? null : null;

  const addTube = () => {
    const barcode = normaliseBarcode(tubeText);
    setTubeText('');
    if (!tubeText.trim()) return;
    if (!barcode) { setProblem(t('natDesk.bags.badBarcode')); return; }
    setProblem(bag && !bag.tubes.includes(barcode) ? t('natDesk.handover.notInBag', { barcode }) : null);
    setTubes((list) => (list.includes(barcode) ? list : [...list, barcode]));
  };

  const submit = async () => {
    setProblem(null);
    if (!bagBarcode) { setProblem(t('natDesk.handover.needBag')); bagInput.current?.focus(); return; }
    if (by === 'scan' ? tubes.length === 0 : count === null) { setProblem(t('natDesk.handover.needTubes')); return; }
    if (!courier.trim()) { setProblem(t('natDesk.handover.needCourier')); return; }
    setBusy(true);
    try {
      setResult(await bagsApi.handover({
        roundId: board.site.roundId, bagBarcode, courierName: courier.trim(),
        ...(by === 'scan' ? { tubeBarcodes: tubes } : { tubeCount: count ?? 0 }),
      }));
      onDone();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    setResult(null); setBagText(''); setTubes([]); setCount(null); setProblem(null);
    setTimeout(() => bagInput.current?.focus(), 0);
  };

  if (result) {
    const at = result.bag.handedOverAt ? hhmmss(result.bag.handedOverAt) : '';
    return (
      <div data-testid="handover-result">
        <div className={`natbags-verdict ${result.match ? 'natbags-verdict-ok' : 'natbags-verdict-bad'}`} data-testid={result.match ? 'handover-match' : 'handover-mismatch'}>
          {result.match ? <CheckCircleFilled /> : <CloseCircleFilled />}
          <div className="natbags-verdict-text">
            {result.match ? t('natDesk.handover.match', { n: result.expected }) : t('natDesk.handover.mismatch', { expected: result.expected, counted: result.counted })}
          </div>
          <div className="natbags-verdict-bag">{result.bag.barcode}</div>
        </div>
        {result.missing.length > 0 && (
          <div className="natbags-diff" data-testid="handover-missing">
            <div className="natbags-diff-title natbags-bad">{t('natDesk.handover.missing')}</div>
            {result.missing.map((b) => <Tag key={b} color="red" className="natbags-chip">{b}</Tag>)}
          </div>
        )}
        {result.unexpected.length > 0 && (
          <div className="natbags-diff" data-testid="handover-unexpected">
            <div className="natbags-diff-title natbags-warn">{t('natDesk.handover.unexpected')}</div>
            {result.unexpected.map((b) => <Tag key={b} color="orange" className="natbags-chip">{b}</Tag>)}
          </div>
        )}
        <div className="natdesk-section">{t('natDesk.handover.recorded', { courier: result.bag.courierName ?? '', at })}</div>
        <Button type="primary" size="large" block className="natbags-big" onClick={next} data-testid="handover-next">{t('natDesk.handover.next')}</Button>
      </div>
    );
  }

  return (
    <div className="natbags-handover" data-testid="handover-form">
      <label className="natbags-label" htmlFor="handover-bag">{t('natDesk.handover.bag')}</label>
      <Input id="handover-bag" ref={bagInput} size="large" className="natdesk-input" value={bagText} autoComplete="off" data-testid="handover-bag"
        placeholder={t('natDesk.bags.hintBag')} onChange={(e) => setBagText(e.target.value)}
        onPressEnter={() => (by === 'scan' ? tubeInput.current?.focus() : undefined)} />
      {bagBarcode && (
        <div className="natdesk-section" data-testid="handover-expected">
          {bag ? t('natDesk.handover.expected', { n: bag.tubeCount }) : t('natDesk.handover.unknownBag')}
        </div>
      )}
      <Segmented block size="large" className="natbags-mode natdesk-gap" value={by} onChange={(v) => setBy(v as 'scan' | 'count')} data-testid="handover-by"
        options={[{ value: 'scan', label: t('natDesk.handover.byScan') }, { value: 'count', label: t('natDesk.handover.byCount') }]} />
      {by === 'scan' ? (
        <>
          <Input ref={tubeInput} size="large" className="natdesk-input" value={tubeText} autoComplete="off" data-testid="handover-tube"
            placeholder={t('natDesk.handover.tube')} onChange={(e) => setTubeText(e.target.value)} onPressEnter={addTube}
            suffix={<Button type="primary" onClick={addTube} data-testid="handover-tube-add">{t('natDesk.enter')}</Button>} />
          <div className="natdesk-section" data-testid="handover-scanned">
            {t('natDesk.handover.scanned', { n: tubes.length })}{bag ? ` / ${bag.tubeCount}` : ''}
          </div>
          <div className="natbags-chips">
            {tubes.map((b) => (
              <Tag key={b} closable color={bag && !bag.tubes.includes(b) ? 'orange' : undefined} className="natbags-chip"
                onClose={() => setTubes((list) => list.filter((x) => x !== b))}>{b}</Tag>
            ))}
          </div>
        </>
      ) : (
        <>
          <label className="natbags-label">{t('natDesk.handover.count')}</label>
          <InputNumber size="large" min={0} max={200} value={count} onChange={(v) => setCount(v)} style={{ width: '100%' }} data-testid="handover-count" />
        </>
      )}
      <label className="natbags-label" htmlFor="handover-courier">{t('natDesk.handover.courier')}</label>
      <Input id="handover-courier" size="large" className="natdesk-input" value={courier} maxLength={50} autoComplete="off" data-testid="handover-courier"
        onChange={(e) => setCourier(e.target.value)} onPressEnter={() => void submit()} />
      {problem && <Alert type="error" showIcon className="natdesk-gap" message={problem} data-testid="handover-problem" />}
      <Button type="primary" size="large" block className="natbags-big natdesk-gap" loading={busy} onClick={() => void submit()} data-testid="handover-submit">
        {t('natDesk.handover.submit')}
      </Button>
    </div>
  );
}

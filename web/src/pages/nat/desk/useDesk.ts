import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DeskView, HouseholdMemberView, ScanResult, SyncItemResult, TSyncItem, TubeView } from '@shared/modules/nat/desk.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { api } from '../../../api/client.ts';
import { fieldMessage } from '@shared/platform/validation.ts';
import { errorText, getLang } from '../../../i18n/index.tsx';
import { DeskSender } from './deskSender.ts';
import { enqueue, oldest, type QueuedOp } from './scanQueue.ts';

// The desk page's state. Every action is queued first (IndexedDB) and applied to this local picture at once, so the
// desk works the same online and offline; the server's answers then mark each line done, duplicate or refused.

export interface LocalTube { id: string; barcode: string; capacity: number; count: number; open: boolean }
export type LineState = 'queued' | 'done' | 'duplicate' | 'refused' | 'undone';
export interface Line { id: string; tubeId: string; label: string; state: LineState; message?: string }

const CACHE = (deskId: string) => `fangkong.natDesk.${deskId}`;

function fromServer(view: DeskView): { tube: LocalTube | null; lines: Line[] } {
  const t = view.tube;
  return {
    tube: t ? { id: t.id, barcode: t.barcode, capacity: t.capacity, count: t.sampleCount, open: t.status === 'open' } : null,
    lines: view.samples.slice().reverse().map((s) => ({
      id: s.id, tubeId: s.tubeId, label: s.name, state: s.undone ? 'undone' : s.duplicateOf ? 'duplicate' : 'done',
    })),
  };
}

export function useDesk(deskId: string) {
  const [desk, setDesk] = useState<DeskView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tube, setTube] = useState<LocalTube | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [waiting, setWaiting] = useState(0);
  const [reachable, setReachable] = useState(true);
  const [household, setHousehold] = useState<HouseholdMemberView[]>([]);
  const [notice, setNotice] = useState<{ kind: 'error' | 'warning'; text: string } | null>(null);
  const tubeRef = useRef<LocalTube | null>(null);
  const latestScan = useRef<string | null>(null);
  tubeRef.current = tube;

  const patchLine = useCallback((id: string, patch: Partial<Line>) => {
    setLines((all) => all.map((l) => (l.id === id ? { ...l, ...patch } : l)));
  }, []);

  /** A server answer for one queued operation. */
  const onResult = useCallback((op: QueuedOp, result: SyncItemResult) => {
    const item = op.item;
    if (item.op === 'scan') {
      if (result.ok) {
        const r = result.result as ScanResult;
        patchLine(item.input.id, { label: r.sample.name, state: r.sample.undone ? 'undone' : r.sample.duplicateOf ? 'duplicate' : 'done' });
        if (r.sample.duplicateOf) setNotice({ kind: 'warning', text: `${r.sample.name}` });
        // Only the newest scan's household is offered (older answers arrive late after an offline spell).
        if (latestScan.current === item.input.id) setHousehold(r.household.filter((m) => !m.sampled));
      } else {
        const field = result.error.details[0]?.message;
        const why = field && /^[a-z_]+\.[a-z_]+$/.test(field) ? fieldMessage(field, getLang()) : errorText(result.error.code);
        patchLine(item.input.id, { state: 'refused', message: why });
        setNotice({ kind: 'error', text: `${op.label}: ${why}` });
        // The place the scan took locally is given back.
        setTube((t) => (t && t.id === tubeRefId(item) ? { ...t, count: Math.max(0, t.count - 1), open: true } : t));
      }
    } else if (item.op === 'open_tube' && !result.ok) {
      setNotice({ kind: 'error', text: `${item.input.barcode}: ${errorText(result.error.code)}` });
      setTube((t) => (t && t.id === item.input.id ? null : t));
    } else if (item.op === 'open_tube' && result.ok) {
      const v = result.result as TubeView;
      // Resuming an existing open tube: take the server's count.
      setTube((t) => (t && t.barcode === v.barcode ? { ...t, id: v.id, count: Math.max(t.count, v.sampleCount), capacity: v.capacity } : t));
    }
  }, [patchLine]);

  function tubeRefId(item: TSyncItem): string | undefined {
    return item.op === 'scan' ? tubeRef.current && tubeRef.current.barcode === item.input.tubeBarcode ? tubeRef.current.id : undefined : undefined;
  }

  // When the queue is empty the desk's own count is read again (it moves with other phones at the desk too).
  const onCount = useCallback((n: number) => {
    setWaiting(n);
    if (n === 0) {
      api.get<DeskView>(`/api/nat/desk/desks/${deskId}`)
        .then((v) => setDesk((d) => (d ? { ...d, sampledCount: v.sampledCount } : v)))
        .catch(() => undefined);
    }
  }, [deskId]);
  const sender = useMemo(() => new DeskSender({ onResult, onCount, onReachable: setReachable }), [onResult, onCount]);
  useEffect(() => () => sender.stop(), [sender]);

  // Load: the server's picture (or the cached one when offline), then whatever is still queued on top of it.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      let view: DeskView | null = null;
      try {
        view = await api.get<DeskView>(`/api/nat/desk/desks/${deskId}`);
        localStorage.setItem(CACHE(deskId), JSON.stringify(view));
      } catch (e) {
        const cached = localStorage.getItem(CACHE(deskId));
        if (cached) view = JSON.parse(cached) as DeskView;
        else if (!cancelled) setLoadError(e);
      }
      if (cancelled || !view) return;
      const base = fromServer(view);
      let t = base.tube;
      const ls = base.lines;
      for (const op of await oldest(10_000)) {
        if (op.deskId !== deskId) continue;
        const it = op.item;
        if (it.op === 'open_tube') t = { id: it.input.id, barcode: it.input.barcode, capacity: view.capacity, count: 0, open: true };
        else if (it.op === 'scan' && t) { t = { ...t, count: t.count + 1, open: t.count + 1 < t.capacity }; ls.unshift({ id: it.input.id, tubeId: t.id, label: op.label, state: 'queued' }); }
        else if (it.op === 'close_tube' && t) t = { ...t, open: false };
      }
      setDesk(view);
      setTube(t);
      setLines(ls);
      sender.kick();
    })();
    const timer = setInterval(() => sender.kick(), 15_000);
    return () => { cancelled = true; clearInterval(timer); };
  }, [deskId, sender]);

  const push = useCallback(async (item: TSyncItem, key: string, label: string) => {
    await enqueue({ key, deskId, item, label });
    setWaiting((n) => n + 1);
    sender.kick();
  }, [deskId, sender]);

  const openTube = useCallback(async (barcode: string) => {
    if (!desk) return;
    const current = tubeRef.current;
    if (current && current.barcode === barcode) return;
    if (current && current.open) await push({ op: 'close_tube', tubeId: current.id }, `close:${current.id}`, current.barcode);
    const id = newId();
    setTube({ id, barcode, capacity: desk.capacity, count: 0, open: true });
    setHousehold([]);
    setNotice(null);
    await push({ op: 'open_tube', input: { id, deskId, barcode, at: new Date().toISOString() } }, id, barcode);
  }, [desk, deskId, push]);

  /** A person into the current tube: by personal code, ID number or a household member picked from the list. */
  const scan = useCallback(async (who: { code?: string; idNumber?: string; residentId?: string }, label: string): Promise<boolean> => {
    const t = tubeRef.current;
    if (!t || !t.open) return false;
    const id = newId();
    latestScan.current = id;
    const next = { ...t, count: t.count + 1, open: t.count + 1 < t.capacity };
    setTube(next);
    setLines((all) => [{ id, tubeId: t.id, label, state: 'queued' as const }, ...all].slice(0, 50));
    setNotice(null);
    // The household list belongs to the person just scanned; a pick from it keeps the rest of the list.
    setHousehold((h) => (who.residentId ? h.filter((m) => m.residentId !== who.residentId) : []));
    await push({ op: 'scan', input: { id, deskId, tubeBarcode: t.barcode, idType: 'id_card', ...who, at: new Date().toISOString() } }, id, label);
    return true;
  }, [deskId, push]);

  const undoLast = useCallback(async () => {
    const t = tubeRef.current;
    const last = lines.find((l) => t && l.tubeId === t.id && (l.state === 'queued' || l.state === 'done' || l.state === 'duplicate'));
    if (!last || !t) return;
    patchLine(last.id, { state: 'undone' });
    setTube({ ...t, count: Math.max(0, t.count - 1), open: true });
    await push({ op: 'undo', sampleId: last.id }, `undo:${last.id}`, last.label);
  }, [lines, patchLine, push]);

  const closeTube = useCallback(async () => {
    const t = tubeRef.current;
    if (!t || !t.open) return;
    setTube({ ...t, open: false });
    await push({ op: 'close_tube', tubeId: t.id }, `close:${t.id}`, t.barcode);
  }, [push]);

  return { desk, loadError, tube, lines, waiting, reachable, household, notice, setNotice, openTube, scan, undoLast, closeTube };
}

import type { TSyncItem } from '@shared/modules/nat/desk.schema.ts';

// The desk's outbox in IndexedDB: every desk operation (open tube, scan, undo, close) is written here first, with
// its client id, and shown at once; the sender removes an entry only after the server has answered it. A reload,
// a crash or a dead battery keeps the queue (IndexedDB survives them), and the client ids make a resend harmless.

export interface QueuedOp {
  /** The operation's client id (sample id, tube id, or the undone sample's id prefixed with 'undo:'). */
  key: string;
  /** Order of entry: the server applies the queue in this order. */
  seq: number;
  deskId: string;
  item: TSyncItem;
  /** What the desk page shows for it while it waits (a masked ID number, a name, a barcode). */
  label: string;
  queuedAt: string;
}

const DB_NAME = 'fangkong-nat-desk';
const STORE = 'ops';
let opening: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore(STORE, { keyPath: 'key' });
      store.createIndex('seq', 'seq');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => { opening = null; reject(req.error ?? new Error('indexedDB open failed')); };
  });
  return opening;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('indexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('indexedDB write aborted'));
  });
}

let lastSeq = 0;
/** Strictly increasing across reloads (time-based), so the queue keeps the order of entry. */
function nextSeq(): number {
  lastSeq = Math.max(Date.now() * 1000, lastSeq + 1);
  return lastSeq;
}

/** Resolves once the operation is durably stored (the transaction completed). */
export async function enqueue(op: Omit<QueuedOp, 'seq' | 'queuedAt'>): Promise<QueuedOp> {
  const full: QueuedOp = { ...op, seq: nextSeq(), queuedAt: new Date().toISOString() };
  const tx = (await db()).transaction(STORE, 'readwrite');
  tx.objectStore(STORE).put(full);
  await done(tx);
  return full;
}

/** The oldest `limit` operations, in order. */
export async function oldest(limit: number): Promise<QueuedOp[]> {
  const tx = (await db()).transaction(STORE, 'readonly');
  const index = tx.objectStore(STORE).index('seq');
  return new Promise((resolve, reject) => {
    const out: QueuedOp[] = [];
    const req = index.openCursor();
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor || out.length >= limit) { resolve(out); return; }
      out.push(cursor.value as QueuedOp);
      cursor.continue();
    };
    req.onerror = () => reject(req.error ?? new Error('indexedDB read failed'));
  });
}

export async function remove(keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const tx = (await db()).transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  for (const key of keys) store.delete(key);
  await done(tx);
}

export async function count(): Promise<number> {
  const tx = (await db()).transaction(STORE, 'readonly');
  return new Promise((resolve, reject) => {
    const req = tx.objectStore(STORE).count();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB count failed'));
  });
}

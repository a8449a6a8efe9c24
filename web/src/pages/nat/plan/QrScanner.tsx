import { useEffect, useRef } from 'react';

interface DetectedBarcode { rawValue: string }
interface BarcodeDetectorLike { detect(source: HTMLVideoElement): Promise<DetectedBarcode[]> }
type BarcodeDetectorCtor = new (opts: { formats: string[] }) => BarcodeDetectorLike;

/** Whether this browser can read QR codes from the camera (the BarcodeDetector API). */
export function canScan(): boolean {
  return typeof window !== 'undefined' && 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;
}

/** The rear camera, reading QR codes until one is found; stops the camera when done or closed. */
export function QrScanner({ onResult, onError }: { onResult: (text: string) => void; onError: (e: unknown) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const done = useRef(onResult);
  done.current = onResult;
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let alive = true;
    const Detector = (window as unknown as { BarcodeDetector: BarcodeDetectorCtor }).BarcodeDetector;
    const detector = new Detector({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(async (s) => {
      stream = s;
      if (!alive || !video.current) return;
      video.current.srcObject = s;
      await video.current.play();
      const tick = async () => {
        if (!alive || !video.current) return;
        try {
          const found = await detector.detect(video.current);
          if (found[0]?.rawValue) { done.current(found[0].rawValue); return; }
        } catch { /* a frame that cannot be read: try the next */ }
        timer = window.setTimeout(() => void tick(), 250);
      };
      void tick();
    }).catch(onError);
    return () => {
      alive = false;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [onError]);
  return <video ref={video} muted playsInline style={{ width: '100%', maxWidth: 420, borderRadius: 8, background: '#000' }} />;
}

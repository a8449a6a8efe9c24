import { useEffect, useRef, useState } from 'react';
import { Button } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/index.tsx';

// Camera scanning through the browser's BarcodeDetector (Chrome on Android, recent desktop Chrome). Where it is
// missing the button is not shown: the desk uses a hand scanner (keyboard wedge) or typing instead.

interface Detector { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> }
type DetectorCtor = new (opts: { formats: string[] }) => Detector;

export function cameraScanAvailable(): boolean {
  return typeof window !== 'undefined' && 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;
}

export function CameraScan({ onCode }: { onCode: (value: string) => void }) {
  const t = useT();
  const [on, setOn] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    let last = '';
    const Ctor = (window as unknown as { BarcodeDetector: DetectorCtor }).BarcodeDetector;
    const detector = new Ctor({ formats: ['qr_code', 'code_128', 'code_39', 'ean_13'] });
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (!video.current || stopped) return;
        video.current.srcObject = stream;
        await video.current.play();
        while (!stopped && video.current) {
          const found = await detector.detect(video.current).catch(() => []);
          const value = found[0]?.rawValue;
          // The same code stays in view for a while: take it once.
          if (value && value !== last) { last = value; onCode(value); }
          await new Promise((r) => setTimeout(r, 250));
        }
      } catch {
        setOn(false);
      }
    })();
    return () => { stopped = true; stream?.getTracks().forEach((tr) => tr.stop()); };
  }, [on, onCode]);

  if (!cameraScanAvailable()) return null;
  return (
    <div className="natdesk-camera">
      {on && <video ref={video} className="natdesk-video" muted playsInline />}
      <Button size="large" block icon={on ? <CloseOutlined /> : <CameraOutlined />} onClick={() => setOn(!on)}>
        {on ? t('natDesk.cameraStop') : t('natDesk.camera')}
      </Button>
    </div>
  );
}

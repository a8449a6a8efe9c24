import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR image of `text`, drawn in the browser (nothing leaves the page). */
export function Qr({ text, size = 160, testId }: { text: string; size?: number; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: size * 2 })
      .then((url) => { if (alive) setSrc(url); })
      .catch(() => { if (alive) setSrc(null); });
    return () => { alive = false; };
  }, [text, size]);
  return src
    ? <img src={src} width={size} height={size} alt="QR" data-testid={testId} style={{ imageRendering: 'pixelated' }} />
    : <div style={{ width: size, height: size }} />;
}

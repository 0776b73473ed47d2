import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** The 办理进度查询 QR code of a document, drawn in the page (no network). */
export function QrCode({ value, size = 96 }: { value: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(value, { margin: 1, width: size * 2, errorCorrectionLevel: 'M' })
      .then((url) => live && setSrc(url))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [value, size]);
  if (src) return <img className="doc-qr-img" src={src} width={size} height={size} alt="办理进度查询二维码" data-testid="doc-qr" />;
  return (
    <div className="doc-qr-box" style={{ width: size, height: size }} aria-label="二维码">
      <span>{failed ? '二维码无法生成' : '二维码'}</span>
      <small>{value}</small>
    </div>
  );
}

import { useMemo } from 'react';
import qrcode from 'qrcode-generator';

/** A QR code drawn as one SVG path (crisp at any size, no canvas, no network). */
export function QrCode({ text, size, label }: { text: string; size: number; label: string }) {
  const { path, count } = useMemo(() => {
    // Error correction M: readable from a projector across a room, still a small symbol for a ~100-character address.
    const qr = qrcode(0, 'M');
    qr.addData(text, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    let d = '';
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) if (qr.isDark(row, col)) d += `M${col + 4},${row + 4}h1v1h-1z`;
    }
    return { path: d, count: n + 8 };
  }, [text]);
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${count} ${count}`} shapeRendering="crispEdges" style={{ background: '#fff', display: 'block' }}>
      <path d={path} fill="#000" />
    </svg>
  );
}

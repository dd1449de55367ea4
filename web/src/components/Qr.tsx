import { useMemo } from 'preact/hooks';
import QRCode from 'qrcode';

/** The Account ID as a QR code, drawn as one SVG path (no canvas, no inline style). */
export function Qr(props: { text: string; label: string; size?: number }) {
  const { path, width } = useMemo(() => {
    const code = QRCode.create(props.text, { errorCorrectionLevel: 'M' });
    const size = code.modules.size;
    const quiet = 4;
    let d = '';
    for (let row = 0; row < size; row++)
      for (let col = 0; col < size; col++)
        if (code.modules.get(row, col)) d += `M${col + quiet} ${row + quiet}h1v1h-1z`;
    return { path: d, width: size + quiet * 2 };
  }, [props.text]);
  return (
    <svg
      class="qr"
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${width} ${width}`}
      width={props.size ?? 200}
      height={props.size ?? 200}
      shape-rendering="crispEdges"
    >
      <rect width={width} height={width} class="qr-light" />
      <path d={path} class="qr-dark" />
    </svg>
  );
}

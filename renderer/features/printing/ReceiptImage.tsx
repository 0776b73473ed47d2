import { svgDataUrl } from './labels';
import './printing.css';

/** A receipt drawn by core (one unit per printer dot), shown at about the size of the paper on the counter. */
export function ReceiptImage({ svg, label, testId }: { svg: string; label: string; testId?: string }) {
  const width = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 600);
  return (
    <div className="receipt-paper-wrap">
      <img className="receipt-paper" src={svgDataUrl(svg)} alt={label} style={{ width: Math.round(width * 0.7) }} data-testid={testId} />
    </div>
  );
}

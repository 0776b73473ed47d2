import type { Api } from '../../api/context';
import { downloadBase64 } from '../../api/download';

/** cases.documentPdf → a file the browser downloads. */
export async function downloadDocumentPdf(client: Api['client'], id: number, layout: 'a4' | 'receipt80' | 'receipt58' = 'a4'): Promise<void> {
  const { fileName, base64 } = await client.cases.documentPdf({ id, layout });
  downloadBase64(fileName, 'application/pdf', base64);
}

/** Prints only `element`: everything else is hidden by the print CSS in cases.css while it prints. */
export function printElement(element: HTMLElement | null): void {
  if (!element) return;
  element.classList.add('is-print-target');
  document.body.classList.add('printing-document');
  const done = () => {
    element.classList.remove('is-print-target');
    document.body.classList.remove('printing-document');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
  // Chromium's print() returns after the dialog; afterprint may not fire in headless runs.
  setTimeout(done, 0);
}

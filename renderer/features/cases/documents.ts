import type { Api } from '../../api/context';

/** cases.documentPdf → a file the browser downloads. */
export async function downloadDocumentPdf(client: Api['client'], id: number, layout: 'a4' | 'receipt80' | 'receipt58' = 'a4'): Promise<void> {
  const { fileName, base64 } = await client.cases.documentPdf({ id, layout });
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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

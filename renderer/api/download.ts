/** Hands a file to the browser's download, the same way for every export and document. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Files core returns as base64 (PDF, Excel). */
export function downloadBase64(fileName: string, mimeType: string, base64: string): void {
  downloadBlob(fileName, new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: mimeType }));
}

export function downloadText(fileName: string, text: string, mimeType = 'text/plain;charset=utf-8'): void {
  downloadBlob(fileName, new Blob([text], { type: mimeType }));
}

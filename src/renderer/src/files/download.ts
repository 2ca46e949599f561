/**
 * Hands `text` to the browser as a file download named `fileName` (a Blob and a link with `download`): in
 * browser mode the browser saves it, in the desktop window Electron asks where. Nothing leaves the machine.
 */
export function downloadTextFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The download has taken the Blob by the time the next task runs; freeing it later costs nothing.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

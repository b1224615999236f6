// Placeholder until this page is written.
export function LedgerPrintPage() {
  return null;
}

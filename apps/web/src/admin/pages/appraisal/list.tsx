// Placeholder until this page is written.
export function AppraisalsPage() {
  return null;
}

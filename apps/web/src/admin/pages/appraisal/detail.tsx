// Placeholder until this page is written.
export function AppraisalDetailPage() {
  return null;
}

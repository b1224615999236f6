// Placeholder until this page is written.
export function CompliancePage() {
  return null;
}

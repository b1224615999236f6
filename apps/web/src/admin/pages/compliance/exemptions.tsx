// Placeholder until this page is written.
export function ExemptionsPage() {
  return null;
}

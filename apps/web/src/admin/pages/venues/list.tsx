// Placeholder until this page is written.
export function VenuesPage() {
  return null;
}

// Placeholder until this page is written.
export function MeetingDetailPage() {
  return null;
}

// Placeholder until this page is written.
export function MeetingEditPage() {
  return null;
}

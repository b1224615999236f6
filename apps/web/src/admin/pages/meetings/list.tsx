// Placeholder until this page is written.
export function MeetingsPage() {
  return null;
}

// Placeholder until this screen is written.
export function MeetingsPage() {
  return <></>;
}

// Placeholder until this screen is written.
export function MeetingPage() {
  return <></>;
}

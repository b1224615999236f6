// Placeholder until this screen is written.
export function AppraisalsPage() {
  return <></>;
}

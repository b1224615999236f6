// Placeholder until this screen is written.
export function AppraisalPage() {
  return <></>;
}

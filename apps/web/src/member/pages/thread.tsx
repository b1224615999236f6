// Placeholder until this screen is written.
export function ThreadPage() {
  return <></>;
}

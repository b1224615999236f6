// Placeholder until this screen is written.
export function TodosPage() {
  return <></>;
}

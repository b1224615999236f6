// Placeholder: the enterprise ledger's (一企一册) survey tasks, for the enterprise page.
export function EnterpriseSurveys(_props: { enterpriseId: number }) {
  return null;
}

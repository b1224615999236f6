// Placeholder: the enterprise ledger's (一企一册) visits and requests, for the enterprise page.
export function EnterpriseServiceTabs(_props: { enterpriseId: number }) {
  return null;
}

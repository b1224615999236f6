// Placeholder until this page is written.
export function SignInScreenPage() {
  return null;
}

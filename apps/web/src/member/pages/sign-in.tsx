// Placeholder until this screen is written.
export function SignInPage() {
  return <></>;
}

/** The server's answer when it refused a form, announced to screen readers as it appears. */
export function FormAlert({ message }: { readonly message: string | null }) {
  if (!message) return null;
  return (
    <div className="form-alert" role="alert">
      {message}
    </div>
  );
}

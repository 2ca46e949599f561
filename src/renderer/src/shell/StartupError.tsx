/** Shown instead of the studio when it cannot even connect (browser mode opened without its token). */
export function StartupError({ message }: { message: string }) {
  return (
    <main className="startup-error">
      <h1>Mesi Studio cannot start</h1>
      <p role="alert">{message}</p>
    </main>
  );
}

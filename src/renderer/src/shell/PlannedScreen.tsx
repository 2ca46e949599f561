import type { ReactNode } from 'react';

/** A screen that is planned but not built yet: says plainly what it will do. */
export function PlannedScreen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="planned">
      <h1 id="screen-title">{title}</h1>
      <p>{children}</p>
    </section>
  );
}

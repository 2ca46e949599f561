/** The Mesi logo mark, drawn inline so it needs no extra request. */
export function BrandMark() {
  return (
    <svg
      className="brand__mark"
      viewBox="0 0 32 32"
      width="28"
      height="28"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" className="brand__mark-tile" />
      <path
        d="M8 23V10l8 8 8-8v13"
        fill="none"
        className="brand__mark-stroke"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

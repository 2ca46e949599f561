interface LoadMoreProps {
  readonly hasMore: boolean;
  readonly loading: boolean;
  readonly disabled: boolean;
  readonly error: string | null;
  readonly shownCount: number;
  readonly onLoadMore: () => void;
}

/** The button under the posts that fetches older ones, and the quiet end of the list. */
export function LoadMore({ hasMore, loading, disabled, error, shownCount, onLoadMore }: LoadMoreProps) {
  if (!hasMore) {
    return shownCount > 0 ? <p className="feed__end">You&rsquo;ve reached the first post.</p> : null;
  }
  return (
    <div className="feed__more">
      {error ? (
        <p className="feed__error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        onClick={onLoadMore}
        disabled={loading || disabled}
        aria-busy={loading}
      >
        Load more
      </button>
    </div>
  );
}

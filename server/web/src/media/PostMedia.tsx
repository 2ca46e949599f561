import { mediaLabel, mediaSegments } from './media-layout';
import type { OpenMedia } from './media-types';
import { PhotoGrid } from './PhotoGrid';
import { PostAudio } from './PostAudio';
import { PostVideo } from './PostVideo';

/** An open post's media: its photos as one grid, each video and audio track with its player, in post order. */
export function PostMedia({
  media,
  handle,
}: {
  readonly media: readonly OpenMedia[];
  readonly handle: string;
}) {
  const segments = mediaSegments(media);
  if (segments.length === 0) return null;
  return (
    <div className="post-media">
      {segments.map((segment) => {
        if (segment.kind === 'photos')
          return <PhotoGrid key="photos" photos={segment.photos} handle={handle} />;
        const label = mediaLabel(segment.item, segment.position, segment.count, handle);
        return segment.kind === 'video' ? (
          <PostVideo key={segment.item.id} video={segment.item} handle={handle} label={label} />
        ) : (
          <PostAudio key={segment.item.id} audio={segment.item} handle={handle} label={label} />
        );
      })}
    </div>
  );
}

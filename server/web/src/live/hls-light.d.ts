// hls.js's light build (no subtitles, DRM or alternate audio, which live streams here never use) ships no
// types of its own; its API is the full build's.
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}

/**
 * The studio's live encoder (Node only): capture sources and device lists per OS, hardware encoder detection,
 * and the live push (RTMP out, local recording, stats, health, auto-reconnect). Imported through
 * `src/encoder/index.ts`.
 */
export {
  parseAvfoundationDevices,
  parseDshowDevices,
  parseSourcesListing,
  type CaptureDevice,
  type CaptureDeviceKind,
} from './capture-devices';
export { listCaptureDevices, type CaptureDeviceList, type DeviceListerOptions } from './device-lister';
export {
  chooseVideoEncoder,
  detectVideoEncoder,
  HARDWARE_ENCODER_CANDIDATES,
  type EncoderTrial,
  type VideoEncoderChoice,
} from './hardware-encoders';
export {
  LivePush,
  LivePushSettingsError,
  type LivePushEvents,
  type LivePushOptions,
  type LivePushState,
  type LivePushSummary,
} from './live-push';
export {
  liveInputPlan,
  liveSourceSchema,
  LiveSourceError,
  type LiveInputPlan,
  type LiveSource,
} from './live-sources';
export type { LiveStats } from './live-stats';
export { measureEncode, type EncodeMeasurement, type MeasureEncodeOptions } from './measure-encode';
export { joinRecordingParts, RecordingJoinError } from './recording-parts';

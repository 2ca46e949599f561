import type { ScreenDefinition } from '../shell/screen';
import { liveNeedsAttention } from './live-slice';
import { LiveScreen } from './LiveScreen';

export const liveScreen: ScreenDefinition = {
  id: 'live',
  label: 'Live',
  Component: LiveScreen,
  attention: (state) => liveNeedsAttention(state.live),
};

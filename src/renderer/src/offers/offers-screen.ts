import type { ScreenDefinition } from '../shell/screen';
import { offersNeedingAttention } from './offers-slice';
import { OffersScreen } from './OffersScreen';

export const offersScreen: ScreenDefinition = {
  id: 'offers',
  label: 'Offers',
  Component: OffersScreen,
  attention: (state) => offersNeedingAttention(state.offers),
};

import { PlannedScreen } from './PlannedScreen';
import type { ScreenDefinition } from './screen';

/** Screens announced in the navigation until their features land, each saying plainly what it will do. */
export const messagesScreen: ScreenDefinition = {
  id: 'messages',
  label: 'Messages',
  Component: () => (
    <PlannedScreen title="Messages">
      Your fans&apos; direct messages in one inbox that works offline, with full-text search, paid messages
      and mass messages to segments such as all subscribers or recent tippers. You decide who may write to
      you. Messages come in a later release.
    </PlannedScreen>
  ),
};

export const calendarScreen: ScreenDefinition = {
  id: 'calendar',
  label: 'Calendar',
  Component: () => (
    <PlannedScreen title="Calendar">
      Plan streams and releases, and publish Bid-to-Meet slots from your availability, with no double bookings
      and reminders for you and the fan. The calendar comes in a later release.
    </PlannedScreen>
  ),
};

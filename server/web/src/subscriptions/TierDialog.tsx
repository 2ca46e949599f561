import { describeError } from '../api/error-message';
import { ModalDialog } from '../layout/ModalDialog';
import { ChangeTierForm } from './ChangeTierForm';
import { SubscribeForm } from './SubscribeForm';
import { useMySubscriptions, useTiers } from './useSubscriptionQueries';

/** A tier offered to the fan: to subscribe to, or, for a subscriber, to move their subscription to. */
export interface TierOffer {
  readonly tierId: string;
  /** The fan's live subscription to this creator, which the offer changes; null to subscribe. */
  readonly subscriptionId: string | null;
}

interface TierDialogProps {
  readonly handle: string;
  readonly creatorName: string;
  readonly offer: TierOffer;
  readonly onClosed: () => void;
}

/**
 * The subscribe dialog, or for a subscriber the change-tier dialog (a modal, see ModalDialog). Mounted once per
 * opening, so each opened dialog has its own idempotency key.
 */
export function TierDialog({ handle, creatorName, offer, onClosed }: TierDialogProps) {
  const tiers = useTiers(handle);
  const mine = useMySubscriptions();
  const tier = tiers.data?.find((t) => t.id === offer.tierId);
  const subscription =
    offer.subscriptionId === null ? null : mine.data?.find((s) => s.id === offer.subscriptionId);
  const verb = offer.subscriptionId === null ? 'Subscribe to' : 'Change to';
  const ready = tier !== undefined && subscription !== undefined;
  const failed = tiers.isError ? tiers : offer.subscriptionId !== null && mine.isError ? mine : null;
  return (
    <ModalDialog
      title={
        tier ? (
          <>
            {verb} <span dir="auto">{tier.name}</span>
          </>
        ) : (
          verb.replace(' to', '')
        )
      }
      subtitle={<span dir="auto">{creatorName}</span>}
      ready={ready}
      onClosed={onClosed}
    >
      {(close) =>
        tier && subscription === null ? (
          <SubscribeForm handle={handle} tier={tier} onDone={close} />
        ) : tier && subscription ? (
          <ChangeTierForm subscription={subscription} tier={tier} onDone={close} />
        ) : failed ? (
          <div className="modal-dialog__status" role="alert">
            <p>{describeError(failed.error)}</p>
            <button
              type="button"
              className="button"
              disabled={failed.isFetching}
              onClick={() => void failed.refetch()}
            >
              Try again
            </button>
          </div>
        ) : tiers.data && !tier ? (
          <p className="modal-dialog__status" role="alert">
            This tier is no longer offered.
          </p>
        ) : mine.data && subscription === undefined ? (
          <p className="modal-dialog__status" role="alert">
            This subscription has ended.
          </p>
        ) : (
          <p className="modal-dialog__status" role="status">
            Loading…
          </p>
        )
      }
    </ModalDialog>
  );
}

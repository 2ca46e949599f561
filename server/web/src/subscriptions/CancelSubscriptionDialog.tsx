import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../account/FormAlert';
import { useTRPC } from '../api/trpc';
import { ModalDialog } from '../layout/ModalDialog';
import type { SubscriptionNames } from './SubscriptionCard';
import { cancelConsequence } from './subscription-status';
import type { Subscription } from './subscription-types';
import { cardFailureOf } from './subscribe-failure';
import { useSubscriptionRefresh } from './useSubscriptionRefresh';

interface CancelSubscriptionDialogProps {
  readonly subscription: Subscription;
  readonly names: SubscriptionNames;
  readonly onClosed: () => void;
}

/**
 * Cancel, confirmed: what cancelling does (a running period runs to its end; a failed renewal's grace ends now),
 * with "Keep subscription" as the focused, safe choice.
 */
export function CancelSubscriptionDialog({ subscription, names, onClosed }: CancelSubscriptionDialogProps) {
  const trpc = useTRPC();
  const refresh = useSubscriptionRefresh();
  const [now] = useState(() => new Date());
  const cancel = useMutation(trpc.subscriptions.cancel.mutationOptions({ onSuccess: refresh }));
  return (
    <ModalDialog
      title="Cancel this subscription?"
      subtitle={names.creator || names.tierName ? <SubscriptionTitle names={names} /> : null}
      onClosed={onClosed}
    >
      {(close) => (
        <div className="confirm">
          <FormAlert message={cancel.isError ? cardFailureOf(cancel.error).message : null} />
          <p>{cancelConsequence(subscription, now)}</p>
          <div className="confirm__actions">
            <button type="button" className="button" onClick={close} data-autofocus>
              Keep subscription
            </button>
            <button
              type="button"
              className="button button--danger"
              aria-disabled={cancel.isPending || undefined}
              onClick={() => {
                if (!cancel.isPending)
                  cancel.mutate({ subscriptionId: subscription.id }, { onSuccess: close });
              }}
            >
              {cancel.isPending ? 'Cancelling…' : 'Cancel subscription'}
            </button>
          </div>
        </div>
      )}
    </ModalDialog>
  );
}

/** `Gold · Mara`, as far as the page knows them; null when it knows neither. */
export function SubscriptionTitle({ names }: { readonly names: SubscriptionNames }) {
  return (
    <>
      {names.tierName ? <span dir="auto">{names.tierName}</span> : null}
      {names.tierName && names.creator ? ' · ' : null}
      {names.creator ? <span dir="auto">{names.creator.displayName}</span> : null}
    </>
  );
}

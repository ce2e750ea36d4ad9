import { Button } from '../../../components/ui/button.js';
import { useToast } from '../../../components/ui/toast-context.js';
import { useRevokeOtherSessions } from '../api/revoke-other-sessions.js';

function signedOutText(revoked: number): string {
  if (revoked === 0) return 'No other device was signed in';
  return revoked === 1 ? '1 other device signed out' : `${revoked} other devices signed out`;
}

/** Signs out every device but this one (a lost phone, a shared computer); the list refreshes afterwards. */
export function SignOutOthersButton({ otherCount }: { otherCount: number }) {
  const revoke = useRevokeOtherSessions();
  const toast = useToast();
  return (
    <div className="flex flex-col items-start gap-2 border-t border-slate-200 pt-4">
      <Button
        variant="secondary"
        disabled={otherCount === 0}
        isLoading={revoke.isPending}
        onClick={() =>
          revoke.mutate(undefined, {
            onSuccess: ({ revoked }) => toast.show({ title: signedOutText(revoked), tone: 'success' }),
            onError: (error) =>
              toast.show({ title: 'Could not sign the other devices out', description: error.message, tone: 'error' }),
          })
        }
      >
        Sign out all other devices
      </Button>
      {otherCount === 0 && <p className="text-sm text-slate-600">This is the only device signed in.</p>}
    </div>
  );
}

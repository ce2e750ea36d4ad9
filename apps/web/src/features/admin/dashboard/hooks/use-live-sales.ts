import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useAccessToken } from '../../../../lib/auth-token-store.js';
import { openSalesStream, parseSaleEvent } from '../api/open-sales-stream.js';
import { salesKeys } from '../api/get-sales-summary.js';
import { debounce } from '../lib/debounce.js';
import { connectLiveStream, type TLiveStatus } from '../lib/live-stream.js';

/** Sales close together refresh the figures once: a second after the last, at least every five seconds. */
const REFRESH_WAIT_MS = 1_000;
const REFRESH_MAX_WAIT_MS = 5_000;

export interface LiveSales {
  status: TLiveStatus;
  /** Paid orders seen on the stream since the page opened. */
  saleCount: number;
}

/**
 * Listens to the live sales stream while the dashboard is open and someone is signed in: every sale refreshes the
 * sales figures (debounced), and so does every (re)connection (sales may have been missed before it).
 */
export function useLiveSales(): LiveSales {
  const queryClient = useQueryClient();
  const isSignedIn = useAccessToken() !== null;
  const [state, setState] = useState<LiveSales>({ status: 'connecting', saleCount: 0 });

  useEffect(() => {
    // Signing out drops the token: the effect cleans up, which closes the stream.
    if (!isSignedIn) return;
    const refresh = debounce(
      () => void queryClient.invalidateQueries({ queryKey: salesKeys.all }),
      REFRESH_WAIT_MS,
      REFRESH_MAX_WAIT_MS,
    );
    const stream = connectLiveStream({
      open: openSalesStream,
      onStatus: (status) => setState((current) => ({ ...current, status })),
      // Sales paid before this connection was up (while it was down, or while the page loaded) were not announced.
      onOpen: () => {
        refresh.cancel();
        void queryClient.invalidateQueries({ queryKey: salesKeys.all });
      },
      onEvent: (event) => {
        if (event.event !== 'sale' || !parseSaleEvent(event.data)) return;
        setState((current) => ({ ...current, saleCount: current.saleCount + 1 }));
        refresh();
      },
    });
    const retryNow = () => stream.retryNow();
    window.addEventListener('online', retryNow);
    return () => {
      window.removeEventListener('online', retryNow);
      stream.close();
      refresh.cancel();
    };
  }, [isSignedIn, queryClient]);

  return isSignedIn ? state : { ...state, status: 'stopped' };
}

import { useCallback, useId, useRef, useState } from 'react';
import { Badge } from '../../../components/ui/badge.js';
import { buttonClasses } from '../../../components/ui/button-styles.js';
import { useDismiss } from '../../../hooks/use-dismiss.js';
import { useNotifications } from '../api/list-notifications.js';
import { useMarkNotificationsRead } from '../api/mark-notifications-read.js';
import { BellIcon } from './bell-icon.js';
import { NotificationList } from './notification-list.js';

/**
 * The header bell of a signed-in user: unread count in its name and badge, and a panel listing the notifications.
 * Opening the panel marks what it shows as read (they stay highlighted until it closes).
 */
export function NotificationsBell() {
  const notifications = useNotifications(true);
  const markRead = useMarkNotificationsRead();
  const [isOpen, setIsOpen] = useState(false);
  const [freshIds, setFreshIds] = useState<ReadonlySet<string>>(new Set());
  const [openedAt, setOpenedAt] = useState(0);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = useCallback(() => setIsOpen(false), []);
  useDismiss(isOpen, close, containerRef, buttonRef);

  const unread = notifications.data?.unreadCount ?? 0;
  const items = notifications.data?.items ?? [];

  function toggle() {
    if (isOpen) return close();
    const unreadIds = items.filter((item) => !item.readAt).map((item) => item.id);
    setFreshIds(new Set(unreadIds));
    setOpenedAt(Date.now());
    setIsOpen(true);
    if (unreadIds.length > 0) markRead.mutate(unreadIds);
  }

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        onClick={toggle}
        className={buttonClasses({ variant: 'ghost', size: 'icon', className: 'relative' })}
      >
        <BellIcon />
        {unread > 0 && (
          <Badge tone="brand" className="absolute -top-0.5 -right-0.5 min-w-5 justify-center px-1">
            {unread > 99 ? '99+' : unread}
          </Badge>
        )}
      </button>
      {isOpen && (
        <div
          id={panelId}
          role="region"
          aria-label="Notifications"
          className="absolute right-0 z-40 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-md border border-slate-200 bg-white shadow-lg"
        >
          <p className="border-b border-slate-200 px-3 py-2 text-sm font-semibold">Notifications</p>
          {notifications.isError && !notifications.data ? (
            <p className="px-3 py-6 text-sm text-red-800">Notifications could not be loaded.</p>
          ) : (
            <NotificationList items={items} freshIds={freshIds} now={openedAt} onNavigate={close} />
          )}
        </div>
      )}
    </div>
  );
}

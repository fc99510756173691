import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

interface Notice {
  id: number;
  text: string;
}

interface Notifications {
  notify: (text: string) => void;
}

const NotificationsContext = createContext<Notifications>({ notify: () => {} });

/** Success messages ("Cluster link x created.") in a polite live region, dismissable. */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);

  const notify = useCallback((text: string) => {
    const id = nextId.current++;
    setNotices((current) => [...current.slice(-2), { id, text }]);
  }, []);
  const value = useMemo(() => ({ notify }), [notify]);

  return (
    <NotificationsContext.Provider value={value}>
      <div className="notifications" role="status" aria-live="polite">
        {notices.map((notice) => (
          <div key={notice.id} className="alert alert-success">
            <span>{notice.text}</span>
            <button
              type="button"
              className="button button-link"
              aria-label={`Dismiss: ${notice.text}`}
              onClick={() => setNotices((current) => current.filter((entry) => entry.id !== notice.id))}
            >
              Dismiss
            </button>
          </div>
        ))}
      </div>
      {children}
    </NotificationsContext.Provider>
  );
}

export function useNotify(): (text: string) => void {
  return useContext(NotificationsContext).notify;
}

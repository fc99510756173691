import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { EventsConnection, eventsUrl, queriesForAction } from "../api/events";
import { invalidateAreas } from "./queryKeys";

/** Keeps one lifecycle-event websocket open while trusted and refreshes the queries each event touches. */
export function useLifecycleEvents(enabled: boolean): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!enabled || typeof WebSocket === "undefined") {
      return;
    }
    const connection = new EventsConnection({
      url: eventsUrl(window.location),
      onLifecycle: (event) => {
        const areas = queriesForAction(event.action);
        if (areas.length > 0) {
          void invalidateAreas(client, areas);
        }
      },
      onConnectionChange: setConnected,
    });
    connection.start();
    return () => connection.stop();
  }, [client, enabled]);

  return connected;
}

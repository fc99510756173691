package dev.jxd.client;

import org.eclipse.jetty.websocket.api.Session;

import static java.util.Objects.requireNonNull;

/**
 * Holder for the websocket listener of an {@link EventSubscription}. Jetty invokes listener methods through
 * method handles and therefore requires a public class; nesting it in this package-private holder keeps it
 * out of the client's API.
 */
final class EventSocketListener
{
    private EventSocketListener() {}

    public static final class Listener
            implements Session.Listener.AutoDemanding
    {
        private final EventSubscription subscription;

        Listener(EventSubscription subscription)
        {
            this.subscription = requireNonNull(subscription, "subscription is null");
        }

        @Override
        public void onWebSocketOpen(Session session)
        {
            subscription.opened(session);
        }

        @Override
        public void onWebSocketText(String message)
        {
            subscription.received(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason)
        {
            subscription.ended(null);
        }

        @Override
        public void onWebSocketError(Throwable cause)
        {
            subscription.ended(cause);
        }
    }
}

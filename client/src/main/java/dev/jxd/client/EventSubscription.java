package dev.jxd.client;

import dev.jxd.api.event.Event;
import dev.jxd.api.json.Json;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A live subscription to {@code /1.0/events}. Events are delivered to the listener on a Jetty thread,
 * one at a time and in the order the server sent them. Closing the subscription closes the websocket.
 */
public final class EventSubscription
        implements AutoCloseable
{
    private final Consumer<Event> listener;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Session session;

    EventSubscription(Consumer<Event> listener)
    {
        this.listener = requireNonNull(listener, "listener is null");
    }

    /**
     * Completes normally when the stream ends (closed by either side), exceptionally when it failed,
     * including when the listener threw or the server sent an event that is not valid JSON.
     */
    public CompletableFuture<Void> closed()
    {
        return closed;
    }

    public boolean isOpen()
    {
        Session current = session;
        return current != null && current.isOpen();
    }

    @Override
    public void close()
    {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(StatusCode.NORMAL, "client closed the subscription", Callback.NOOP);
        }
        closed.complete(null);
    }

    Session.Listener.AutoDemanding socketListener()
    {
        return new EventSocketListener.Listener(this);
    }

    void opened(Session openedSession)
    {
        session = openedSession;
    }

    void received(String message)
    {
        try {
            listener.accept(Json.read(message, Event.class));
        }
        catch (RuntimeException e) {
            closed.completeExceptionally(e);
            Session current = session;
            if (current != null) {
                current.close(StatusCode.SERVER_ERROR, "event listener failed", Callback.NOOP);
            }
        }
    }

    void ended(Throwable failure)
    {
        if (failure == null) {
            closed.complete(null);
        }
        else {
            closed.completeExceptionally(failure);
        }
    }
}

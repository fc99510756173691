package dev.jxd.daemon.identity;

import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.operation.Requestor;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.event.EventBus;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The lifecycle and security events of identity changes (spec §1.7): {@code identity-created} with
 * {@code user_created:<method>:<identifier>}, and, when an administrator made the change through the
 * API, {@code authz_admin:identity_create:<method>/<identifier>}.
 */
public final class IdentityEvents
{
    private static final String LEVEL_INFO = "info";
    private static final String LEVEL_WARNING = "warning";

    private final EventBus events;

    public IdentityEvents(EventBus events)
    {
        this.events = requireNonNull(events, "events is null");
    }

    private enum Change
    {
        CREATED("identity-created", "user_created", "identity_create", "Identity created"),
        UPDATED("identity-updated", "user_updated", "identity_edit", "Identity updated"),
        DELETED("identity-deleted", "user_deleted", "identity_delete", "Identity deleted");

        private final String lifecycleAction;
        private final String userEvent;
        private final String adminAction;
        private final String description;

        Change(String lifecycleAction, String userEvent, String adminAction, String description)
        {
            this.lifecycleAction = lifecycleAction;
            this.userEvent = userEvent;
            this.adminAction = adminAction;
            this.description = description;
        }
    }

    public void created(AuthenticationMethod method, String identifier, String name, IdentityType type, Requestor requestor, boolean administrative)
    {
        publish(Change.CREATED, method, identifier, name, type, requestor, administrative);
    }

    public void updated(AuthenticationMethod method, String identifier, String name, IdentityType type, Requestor requestor, boolean administrative)
    {
        publish(Change.UPDATED, method, identifier, name, type, requestor, administrative);
    }

    public void deleted(AuthenticationMethod method, String identifier, String name, IdentityType type, Requestor requestor, boolean administrative)
    {
        publish(Change.DELETED, method, identifier, name, type, requestor, administrative);
    }

    /** A trust token was refused; the context names the source, never the token. */
    void tokenFailed(String source, Requestor requestor)
    {
        events.security("trust_token_failed", "Invalid trust token presented", LEVEL_WARNING, Map.of("source", source), requestor);
    }

    void tokenRateLimited(String source, long retryAfterSeconds, Requestor requestor)
    {
        events.security("trust_token_rate_limited:" + source, "Too many failed trust token attempts", LEVEL_WARNING,
                Map.of("source", source, "retry_after", Long.toString(retryAfterSeconds)), requestor);
    }

    private void publish(Change change, AuthenticationMethod method, String identifier, String name, IdentityType type, Requestor requestor, boolean administrative)
    {
        String source = EntityUrl.identity(method.apiName(), identifier).url();
        events.lifecycle(change.lifecycleAction, source, Map.of(), requestor, "");
        Map<String, String> context = Map.of("name", name, "type", type.apiName());
        events.security(change.userEvent + ":" + method.apiName() + ":" + identifier, change.description, LEVEL_INFO, context, requestor);
        if (administrative) {
            events.security("authz_admin:" + change.adminAction + ":" + method.apiName() + "/" + identifier, change.description, LEVEL_INFO, context, requestor);
        }
    }
}

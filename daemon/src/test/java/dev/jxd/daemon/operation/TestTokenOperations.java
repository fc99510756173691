package dev.jxd.daemon.operation;

import dev.jxd.api.json.Json;
import dev.jxd.api.operation.Operation;
import dev.jxd.api.operation.Requestor;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.operation.OperationManager.TokenLifecycle;
import dev.jxd.daemon.operation.OperationManager.TokenState;
import dev.jxd.daemon.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token operations end when their token is used, revoked, withdrawn or expires, whoever looks first. */
class TestTokenOperations
{
    private static final Requestor ISSUER = new Requestor("root", "unix", "@");
    private static final Requestor CANCELLER = new Requestor("abc123", "tls", "192.0.2.9:4000");
    private static final String SECRET = "f".repeat(64);

    private final MutableClock clock = new MutableClock();
    private final OperationManager operations = new OperationManager(clock, "none");
    private final AtomicReference<TokenState> state = new AtomicReference<>(TokenState.PENDING);
    private final List<Requestor> revokedBy = new ArrayList<>();

    @Test
    void runningTokenCarriesItsMetadataAndMayBeCancelled()
    {
        Operation created = createToken(Optional.empty());
        assertThat(created.operationClass()).isEqualTo("token");
        assertThat(created.status()).isEqualTo("Running");
        assertThat(created.statusCode()).isEqualTo(103);
        assertThat(created.mayCancel()).isTrue();
        assertThat(created.requestor()).isEqualTo(ISSUER);
        // The secret reaches clients as a plain string, and never a log line through toString
        assertThat(Json.lenient().valueToTree(created).get("metadata").get("secret").asString()).isEqualTo(SECRET);
        assertThat(created.toString()).doesNotContain(SECRET).contains("<redacted>");
        assertThat(operations.list()).extracting(Operation::id).containsExactly(created.id());
    }

    @Test
    void expiredTokenIsCancelledOnTheNextReadWithoutATimer()
    {
        Instant expiry = clock.instant().plus(Duration.ofHours(3));
        Operation created = createToken(Optional.of(expiry));
        clock.advance(Duration.ofHours(2));
        assertThat(operations.get(created.id()).orElseThrow().status()).isEqualTo("Running");

        clock.advance(Duration.ofHours(2));
        Operation expired = operations.get(created.id()).orElseThrow();
        assertThat(expired.status()).isEqualTo("Cancelled");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.err()).isEqualTo(OperationManager.TOKEN_EXPIRED);
        assertThat(expired.mayCancel()).isFalse();
        assertThat(expired.metadata()).doesNotContainKey("secret").containsEntry("name", "laptop");
        assertThatThrownBy(() -> operations.cancel(created.id(), CANCELLER))
                .isInstanceOfSatisfying(HttpStatusException.class, exception -> assertThat(exception.status()).isEqualTo(400));
        assertThat(revokedBy).isEmpty();
    }

    @Test
    void sweepEndsExpiredTokensAndWakesTheirWaiters()
            throws Exception
    {
        Operation created = createToken(Optional.of(clock.instant().plus(Duration.ofMinutes(1))));
        CompletableFuture<Operation> waiter = CompletableFuture.supplyAsync(() -> operations.await(created.id(), Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(2));
        operations.endExpiredTokens();
        Operation ended = waiter.get(30, TimeUnit.SECONDS);
        assertThat(ended.status()).isEqualTo("Cancelled");
        assertThat(ended.err()).isEqualTo(OperationManager.TOKEN_EXPIRED);
    }

    @Test
    void tokenUsedElsewhereSucceedsEvenWhenReadAfterItsExpiry()
    {
        Operation created = createToken(Optional.of(clock.instant().plus(Duration.ofMinutes(1))));
        state.set(TokenState.USED);
        clock.advance(Duration.ofMinutes(5));
        Operation used = operations.list().getFirst();
        assertThat(used.id()).isEqualTo(created.id());
        assertThat(used.status()).isEqualTo("Success");
        assertThat(used.err()).isEmpty();
        assertThat(used.metadata()).doesNotContainKey("secret");
    }

    @Test
    void withdrawnTokenIsCancelledAsRevoked()
    {
        Operation created = createToken(Optional.empty());
        state.set(TokenState.WITHDRAWN);
        Operation withdrawn = operations.get(created.id()).orElseThrow();
        assertThat(withdrawn.status()).isEqualTo("Cancelled");
        assertThat(withdrawn.err()).isEqualTo(OperationManager.TOKEN_REVOKED);
    }

    @Test
    void cancellingRevokesTheTokenFirstOnBehalfOfTheCanceller()
    {
        Operation created = createToken(Optional.empty());
        operations.cancel(created.id(), CANCELLER);
        assertThat(revokedBy).containsExactly(CANCELLER);
        Operation cancelled = operations.get(created.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo("Cancelled");
        assertThat(cancelled.err()).isEmpty();
        assertThat(cancelled.metadata()).doesNotContainKey("secret");
        assertThatThrownBy(() -> operations.cancel(created.id(), CANCELLER)).isInstanceOf(HttpStatusException.class);
        assertThat(revokedBy).hasSize(1);
    }

    @Test
    void aRevocationThatFailsLeavesTheTokenRunning()
    {
        Operation created = operations.createToken("Certificate add token", Map.of("secret", new OperationManager.Secret(SECRET)), Map.of(), ISSUER,
                TokenLifecycle.reported(Optional.empty(), _ -> {
                    throw HttpStatusException.badRequest("The token has already been used");
                }));
        assertThatThrownBy(() -> operations.cancel(created.id(), CANCELLER)).hasMessage("The token has already been used");
        assertThat(operations.get(created.id()).orElseThrow().status()).isEqualTo("Running");
    }

    @Test
    void reportedTokenEndsWhenCompletedOrAtExpiry()
    {
        Operation joined = operations.createToken("Join token for member m1", Map.of("serverName", "m1"), Map.of(), ISSUER,
                TokenLifecycle.reported(Optional.of(clock.instant().plus(Duration.ofHours(3))), _ -> {}));
        Operation forgotten = operations.createToken("Join token for member m2", Map.of("serverName", "m2"), Map.of(), ISSUER,
                TokenLifecycle.reported(Optional.of(clock.instant().plus(Duration.ofHours(3))), _ -> {}));
        operations.completeToken("serverName", "m1");
        assertThat(operations.get(joined.id()).orElseThrow().status()).isEqualTo("Success");

        clock.advance(Duration.ofHours(4));
        operations.endExpiredTokens();
        assertThat(operations.get(forgotten.id()).orElseThrow().err()).isEqualTo(OperationManager.TOKEN_EXPIRED);
        // Completing after the end changes nothing
        operations.completeToken("serverName", "m2");
        assertThat(operations.get(forgotten.id()).orElseThrow().status()).isEqualTo("Cancelled");
    }

    @Test
    void endedTokensAreForgottenAfterTheRetentionPeriod()
    {
        Operation created = createToken(Optional.of(clock.instant().plus(Duration.ofMinutes(1))));
        clock.advance(Duration.ofMinutes(2));
        operations.endExpiredTokens();
        assertThat(operations.get(created.id())).isPresent();
        clock.advance(Duration.ofMinutes(6));
        operations.endExpiredTokens();
        assertThat(operations.get(created.id())).isEmpty();
    }

    private Operation createToken(Optional<Instant> expiresAt)
    {
        return operations.createToken("Certificate add token", Map.of("name", "laptop", "secret", new OperationManager.Secret(SECRET)), Map.of(), ISSUER,
                new TokenLifecycle(expiresAt, revokedBy::add, state::get));
    }
}

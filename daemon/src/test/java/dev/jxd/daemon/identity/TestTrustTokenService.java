package dev.jxd.daemon.identity;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.event.Event;
import dev.jxd.api.json.Json;
import dev.jxd.api.operation.Requestor;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.db.Database;
import dev.jxd.daemon.db.LocalStateStore;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.event.EventBus;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.identity.IdentityStore.IdentityRow;
import dev.jxd.daemon.server.ServerConfigKeys;
import dev.jxd.daemon.server.ServerConfigService;
import dev.jxd.daemon.server.ServerConfigStore;
import dev.jxd.daemon.server.ServerIdentity;
import dev.jxd.daemon.testing.MutableClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The token lifecycle through the service, on a real database, with a clock the test moves. */
class TestTrustTokenService
{
    private static final int FAILURE_LIMIT = 4;
    private static final Requestor ADMIN = new Requestor("root", "unix", "@");
    private static final Requestor STRANGER = new Requestor("", "", "192.0.2.7:40001");
    private static final Set<IdentityType> CLIENT = Set.of(IdentityType.CLIENT_CERTIFICATE_PENDING);

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CertificateAndKey serverCertificate = Certificates.generate("server", false, Duration.ofDays(365));
    private Database database;
    private StateStore store;
    private TrustTokenService tokens;

    @BeforeEach
    void setUp()
    {
        database = Database.open(directory.resolve("local.db"));
        store = new LocalStateStore(database);
        EventBus bus = new EventBus(clock, "none");
        bus.subscribe(Set.of(), events::add);
        ServerConfigService config = new ServerConfigService(store, bus);
        setConfig(Map.of(ServerConfigKeys.HTTPS_ADDRESS, "192.0.2.1:8443"));
        tokens = new TrustTokenService(
                store,
                config,
                new ServerIdentity(serverCertificate, "test", "0.1.0"),
                clock,
                new IdentityEvents(bus),
                new TrustFailureLimiter(clock, () -> FAILURE_LIMIT));
    }

    @AfterEach
    void tearDown()
    {
        database.close();
    }

    @Test
    void issuedTokenDescribesTheServerAndOnlyTheSecretHashIsStored()
    {
        Instant before = clock.instant();
        TrustTokenService.PendingIdentity pending = tokens.createPendingIdentity("laptop", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), ADMIN);
        CertificateAddToken token = pending.token();

        assertThat(token.clientName()).isEqualTo("laptop");
        assertThat(token.fingerprint()).isEqualTo(serverCertificate.fingerprint());
        assertThat(token.addresses()).containsExactly("192.0.2.1:8443");
        assertThat(token.secret()).matches("[0-9a-f]{64}");
        assertThat(token.type()).isEqualTo(CertificateAddToken.TYPE_CLIENT);
        assertThat(token.expiresAt()).isCloseTo(before.plus(Duration.ofDays(15)), within(Duration.ofMinutes(1)));
        assertThat(TrustTokens.decode(TrustTokens.encode(token)).secret()).isEqualTo(token.secret());

        IdentityRow row = row(pending.identifier()).orElseThrow();
        assertThat(row.type()).isEqualTo(IdentityType.CLIENT_CERTIFICATE_PENDING);
        assertThat(row.name()).isEqualTo("laptop");
        assertThat(row.metadata()).doesNotContain(token.secret()).contains(TrustTokens.hashSecret(token.secret()));
        assertThat(eventNames()).contains("identity-created", "user_created:tls:" + pending.identifier());
    }

    @Test
    void redemptionActivatesThePendingIdentityOnce()
    {
        TrustTokenService.PendingIdentity pending = tokens.createPendingIdentity("laptop", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), ADMIN);
        String encoded = TrustTokens.encode(pending.token());
        CertificateAndKey client = clientCertificate();

        TrustTokenService.RedeemedIdentity redeemed = tokens.redeem(encoded, client.certificate(), CLIENT, STRANGER);

        assertThat(redeemed.identifier()).isEqualTo(client.fingerprint());
        assertThat(redeemed.type()).isEqualTo(IdentityType.CLIENT_CERTIFICATE);
        assertThat(row(pending.identifier())).isEmpty();
        IdentityRow active = row(client.fingerprint()).orElseThrow();
        assertThat(active.type()).isEqualTo(IdentityType.CLIENT_CERTIFICATE);
        assertThat(active.name()).isEqualTo("laptop");
        assertThat(active.metadata()).doesNotContain(PendingMetadata.SECRET_HASH);
        Optional<String> certificate = store.read(connection -> IdentityStore.certificatePem(connection, active.id()));
        assertThat(certificate).contains(client.certificatePem());
        assertThat(eventNames()).contains("identity-updated", "user_updated:tls:" + client.fingerprint());

        // Single use, whichever certificate comes next
        assertRefused(() -> tokens.redeem(encoded, clientCertificate().certificate(), CLIENT, STRANGER));
    }

    @Test
    void alreadyTrustedCertificateIsAConflictAndLeavesTheTokenUsable()
    {
        CertificateAndKey client = clientCertificate();
        tokens.redeem(TrustTokens.encode(tokens.createPendingIdentity("first", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), ADMIN).token()),
                client.certificate(), CLIENT, STRANGER);
        TrustTokenService.PendingIdentity second = tokens.createPendingIdentity("second", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), ADMIN);

        assertThatThrownBy(() -> tokens.redeem(TrustTokens.encode(second.token()), client.certificate(), CLIENT, STRANGER))
                .isInstanceOfSatisfying(HttpStatusException.class, exception -> {
                    assertThat(exception.status()).isEqualTo(409);
                    assertThat(exception.getMessage()).isEqualTo("Client already trusted");
                });
        assertThat(row(second.identifier()).orElseThrow().type()).isEqualTo(IdentityType.CLIENT_CERTIFICATE_PENDING);
        assertThat(tokens.redeem(TrustTokens.encode(second.token()), clientCertificate().certificate(), CLIENT, STRANGER).name()).isEqualTo("second");
    }

    @Test
    void expiredTokenIsRefusedAndItsPendingIdentityDeleted()
    {
        TrustTokenService.PendingIdentity pending = tokens.createPendingIdentity("late", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), ADMIN);
        clock.advance(Duration.ofDays(15).plusMinutes(1));

        assertRefused(() -> tokens.redeem(TrustTokens.encode(pending.token()), clientCertificate().certificate(), CLIENT, STRANGER));
        assertThat(row(pending.identifier())).isEmpty();
    }

    @Test
    void emptyExpiryMeansTheTokenNeverExpires()
    {
        // An unset key without a default reads as empty
        TrustTokenService.PendingIdentity pending = tokens.createPendingIdentity("forever", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), "user.unset_expiry", ADMIN);
        assertThat(pending.token().expiresAt()).isEqualTo(CertificateAddToken.NO_EXPIRY);

        clock.advance(Duration.ofDays(100));
        assertThat(tokens.pruneExpired()).isEmpty();
        CertificateAndKey client = Certificates.generate("client", true, Duration.ofDays(365));
        assertThat(tokens.redeem(TrustTokens.encode(pending.token()), client.certificate(), CLIENT, STRANGER).identifier()).isEqualTo(client.fingerprint());
    }

    @Test
    void expiryKeyCanBeChosenByTheIssuer()
    {
        setConfig(Map.of(ServerConfigKeys.HTTPS_ADDRESS, "192.0.2.1:8443", "user.link_token_expiry", "2H"));
        Instant before = clock.instant();
        TrustTokenService.PendingIdentity pending = tokens.createPendingIdentity("link", IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING, List.of(), "user.link_token_expiry", ADMIN);

        assertThat(pending.token().type()).isEqualTo(CertificateAddToken.TYPE_CLUSTER_LINK);
        assertThat(pending.token().expiresAt()).isCloseTo(before.plus(Duration.ofHours(2)), within(Duration.ofMinutes(1)));
    }

    @Test
    void tokenIsOnlyAcceptedWhereItsTypeIsExpected()
    {
        TrustTokenService.PendingIdentity link = tokens.createPendingIdentity("link", IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING, List.of(), ADMIN);
        String encoded = TrustTokens.encode(link.token());

        assertRefused(() -> tokens.redeem(encoded, clientCertificate().certificate(), CLIENT, STRANGER));
        assertThat(row(link.identifier()).orElseThrow().type()).isEqualTo(IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING);

        CertificateAndKey peer = clientCertificate();
        TrustTokenService.RedeemedIdentity redeemed = tokens.redeem(encoded, peer.certificate(), Set.of(IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING), STRANGER);
        assertThat(redeemed.type()).isEqualTo(IdentityType.CLUSTER_LINK_CERTIFICATE);
    }

    @Test
    void malformedAndForgedTokensAreRefusedAlike()
    {
        CertificateAddToken token = tokens.createPendingIdentity("laptop", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), ADMIN).token();
        String wrongSecret = TrustTokens.encode(new CertificateAddToken(token.clientName(), token.fingerprint(), token.addresses(),
                TrustTokens.newSecret(), token.expiresAt(), token.type()));
        String flipped = TrustTokens.encode(new CertificateAddToken(token.clientName(), token.fingerprint(), token.addresses(),
                (token.secret().charAt(0) == 'a' ? "b" : "a") + token.secret().substring(1), token.expiresAt(), token.type()));
        String notBase64 = "%%%not a token%%%";
        String notJson = Base64.getEncoder().encodeToString("{\"client_name\": ".getBytes(StandardCharsets.UTF_8));

        for (String bad : List.of(wrongSecret, flipped, notBase64, notJson)) {
            assertRefused(() -> tokens.redeem(bad, clientCertificate().certificate(), CLIENT, STRANGER));
        }
        assertThat(events).filteredOn(event -> event.metadata().toString().contains("trust_token_failed")).hasSize(4);
        assertThat(events).noneMatch(event -> Json.write(event).contains(token.secret()));
    }

    @Test
    void serverValidatesOnlyTheSecretNotTheTokensOtherFields()
    {
        // The client checks fingerprint and addresses against the server it reaches; the server only trusts its own records
        CertificateAddToken token = tokens.createPendingIdentity("laptop", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), ADMIN).token();
        String tampered = TrustTokens.encode(new CertificateAddToken("someone-else", "00".repeat(32), List.of("203.0.113.9:1"),
                token.secret(), CertificateAddToken.NO_EXPIRY, CertificateAddToken.TYPE_CLUSTER_LINK));

        assertThat(tokens.redeem(tampered, clientCertificate().certificate(), CLIENT, STRANGER).name()).isEqualTo("laptop");
    }

    @Test
    void repeatedFailuresFromOneSourceAreRateLimited()
    {
        TrustTokenService.PendingIdentity pending = tokens.createPendingIdentity("laptop", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), ADMIN);
        for (int attempt = 0; attempt < FAILURE_LIMIT; attempt++) {
            assertRefused(() -> tokens.redeem("garbage", clientCertificate().certificate(), CLIENT, STRANGER));
        }

        // Even the right token is refused for the rest of the window, and other sources are unaffected
        assertThatThrownBy(() -> tokens.redeem(TrustTokens.encode(pending.token()), clientCertificate().certificate(), CLIENT, new Requestor("", "", "192.0.2.7:40999")))
                .isInstanceOfSatisfying(HttpStatusException.class, exception -> {
                    assertThat(exception.status()).isEqualTo(429);
                    assertThat(exception.getMessage()).isEqualTo(TrustTokenService.RATE_LIMITED);
                });
        assertThat(eventNames()).contains("trust_token_rate_limited:192.0.2.7");
        assertRefused(() -> tokens.redeem("garbage", clientCertificate().certificate(), CLIENT, new Requestor("", "", "192.0.2.8:1")));

        clock.advance(TrustFailureLimiter.WINDOW);
        assertThat(tokens.redeem(TrustTokens.encode(pending.token()), clientCertificate().certificate(), CLIENT, STRANGER).name()).isEqualTo("laptop");
    }

    @Test
    void pruningDeletesExpiredAndUnreadablePendingIdentitiesOnly()
    {
        setConfig(Map.of(ServerConfigKeys.HTTPS_ADDRESS, "192.0.2.1:8443", "user.short", "1H"));
        TrustTokenService.PendingIdentity shortLived = tokens.createPendingIdentity("short", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), "user.short", ADMIN);
        TrustTokenService.PendingIdentity longLived = tokens.createPendingIdentity("long", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), ADMIN);
        store.execute(new TrustTokenStore.CreatePendingIdentity("00000000-0000-0000-0000-000000000001", "broken", IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING, "{\"secret\": 1}", List.of()));
        assertThat(tokens.pruneExpired()).extracting(TrustTokenStore.PrunedIdentity::name).containsExactly("broken");

        clock.advance(Duration.ofHours(2));
        assertThat(tokens.pruneExpired()).extracting(TrustTokenStore.PrunedIdentity::identifier).containsExactly(shortLived.identifier());
        assertThat(row(longLived.identifier())).isPresent();
    }

    @Test
    void tokenCannotBeIssuedWithoutANetworkAddress()
    {
        setConfig(Map.of());
        assertThatThrownBy(() -> tokens.createPendingIdentity("laptop", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), ADMIN))
                .isInstanceOfSatisfying(HttpStatusException.class, exception -> {
                    assertThat(exception.status()).isEqualTo(400);
                    assertThat(exception.getMessage()).isEqualTo("Cannot issue token when server is not listening on network");
                });
        assertThat(identityCount()).isZero();
    }

    @Test
    void unknownGroupsCreateNothing()
    {
        assertThatThrownBy(() -> tokens.createPendingIdentity("laptop", IdentityType.CLIENT_CERTIFICATE_PENDING, List.of("nope", "admins", "missing"), ADMIN))
                .isInstanceOfSatisfying(HttpStatusException.class, exception -> {
                    assertThat(exception.status()).isEqualTo(404);
                    assertThat(exception.getMessage()).isEqualTo("One or more groups were not found: \"nope\", \"missing\"");
                });
        assertThat(identityCount()).isZero();
    }

    private static void assertRefused(ThrowingCallable call)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(HttpStatusException.class, exception -> {
            assertThat(exception.status()).isEqualTo(403);
            assertThat(exception.getMessage()).isEqualTo(TrustTokenService.INVALID_TOKEN);
        });
    }

    private void setConfig(Map<String, String> config)
    {
        store.execute(new ServerConfigStore.ReplaceServerConfig(new TreeMap<>(config)));
    }

    private Optional<IdentityRow> row(String identifier)
    {
        return store.read(connection -> IdentityStore.findByIdentifier(connection, AuthenticationMethod.TLS, identifier));
    }

    private long identityCount()
    {
        return store.read(connection -> Sql.queryLong(connection, "SELECT COUNT(*) FROM identities"));
    }

    private List<String> eventNames()
    {
        return events.stream()
                .map(event -> event.metadata().has("action") ? event.metadata().get("action").asString() : event.metadata().get("name").asString())
                .toList();
    }

    private static CertificateAndKey clientCertificate()
    {
        return Certificates.generate("client", true, Duration.ofDays(30));
    }
}

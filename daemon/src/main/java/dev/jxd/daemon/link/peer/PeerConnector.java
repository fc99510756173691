package dev.jxd.daemon.link.peer;

import dev.jxd.client.ApiResponse;
import dev.jxd.client.ClientOptions;
import dev.jxd.client.JxdClient;
import dev.jxd.client.ServerAddress;
import tools.jackson.databind.JsonNode;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The network side of cluster links: verifies the certificate a peer serves, calls it, and probes its members.
 *
 * <p>Every address is bounded by the per-address timeout, so an address that accepts TCP but never completes TLS costs
 * one timeout, and work on several addresses runs in parallel so it costs one timeout in total, not one per address.
 * HTTP clients are pooled per (pinned certificate, client certificate), so repeated calls to a peer reuse connections.
 *
 * <p>Addresses are reported as the caller gave them and connected to in canonical form (default port 8443); unlike
 * LXD (spec §9.2 item 29) an address stored without a port therefore reaches the LXD port rather than 443.
 */
public final class PeerConnector
        implements AutoCloseable
{
    private static final int MAXIMUM_POOLS = 32;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String USER_AGENT = "jxd";
    // Calls may wait for the peer's own work (which can include checking our addresses); only connecting is bounded tightly
    private static final Duration CALL_IDLE_TIMEOUT = Duration.ofSeconds(60);
    // Keeps pooled connections open between calls to the same peer, e.g. across the steps of a link set-up
    private static final Duration POOLED_CONNECTION_IDLE = Duration.ofSeconds(30);

    private final Duration perAddressTimeout;
    private final InstantSource clock;
    private final ClientOptions boundedOptions;
    private final ClientOptions callOptions;
    private final ConnectionPools pools;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public PeerConnector(Duration perAddressTimeout, InstantSource clock)
    {
        requireNonNull(perAddressTimeout, "perAddressTimeout is null");
        if (perAddressTimeout.isNegative() || perAddressTimeout.isZero()) {
            throw new IllegalArgumentException("perAddressTimeout must be positive");
        }
        this.perAddressTimeout = perAddressTimeout;
        this.clock = requireNonNull(clock, "clock is null");
        this.boundedOptions = new ClientOptions(perAddressTimeout, perAddressTimeout, USER_AGENT).withRequestTimeout(perAddressTimeout);
        this.callOptions = new ClientOptions(perAddressTimeout, max(CALL_IDLE_TIMEOUT, perAddressTimeout), USER_AGENT);
        this.pools = new ConnectionPools(MAXIMUM_POOLS, new ClientOptions(perAddressTimeout, max(POOLED_CONNECTION_IDLE, perAddressTimeout), USER_AGENT));
    }

    public Duration perAddressTimeout()
    {
        return perAddressTimeout;
    }

    /**
     * LXD's {@code CanonicalNetworkAddress}: {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address
     * becomes {@code host:port}, with the default port 8443 and IPv6 in brackets.
     *
     * @throws IllegalArgumentException when the address cannot be parsed
     */
    public static String canonicalAddress(String address)
    {
        requireNonNull(address, "address is null");
        return ServerAddress.parse(address).hostAndPort();
    }

    /**
     * Spec §4.11 {@code CheckClusterLinkCertificate}, stricter than LXD (§9.2 item 13). All addresses are checked in
     * parallel, each within the per-address timeout: the address must serve the certificate with {@code fingerprint}
     * and answer {@code GET /1.0} over that connection, presenting no client certificate. (LXD fetches the certificate
     * unverified and then connects again pinned to it; one connection pinned to the fingerprint checks the same and
     * stays pooled for the calls that follow.) Unreachable addresses are tolerated when another one passed; an address
     * that completed a TLS handshake with another certificate is not, because it may be a man in the middle. The
     * certificate returned is the one the addresses served, so callers can pin it.
     *
     * @param fingerprint SHA-256 of the expected certificate, hex, any case (a malformed one fails without contacting anyone)
     * @throws PeerException {@code Failed checking cluster link certificate: no addresses provided} when there are no
     * addresses, else {@code Failed retrieving cluster certificate from any address: <failures joined by "; ">}
     */
    public VerifiedCertificate verifyCertificate(List<String> addresses, String fingerprint)
    {
        requireNonNull(addresses, "addresses is null");
        requireNonNull(fingerprint, "fingerprint is null");
        if (addresses.isEmpty()) {
            throw new PeerException("Failed checking cluster link certificate: no addresses provided", List.of());
        }
        String expected = fingerprint.trim().toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(expected).matches()) {
            // No certificate can match: say so rather than contacting the addresses
            throw new PeerException("Failed retrieving cluster certificate from any address: invalid certificate fingerprint \"%s\"".formatted(fingerprint), List.of());
        }
        List<Verification> verifications = runAll(
                addresses.stream().<Supplier<Verification>>map(address -> () -> verifyAddress(address, expected)).toList(),
                index -> new Verification.Rejected(
                        PeerFailures.timeout(addresses.get(index), perAddressTimeout),
                        "Failed retrieving certificate from \"%s\": timed out after %d ms".formatted(addresses.get(index), perAddressTimeout.toMillis())));

        List<Verification.Rejected> rejected = verifications.stream()
                .filter(Verification.Rejected.class::isInstance)
                .map(Verification.Rejected.class::cast)
                .toList();
        List<Verification.Verified> verified = verifications.stream()
                .filter(Verification.Verified.class::isInstance)
                .map(Verification.Verified.class::cast)
                .toList();
        boolean mismatch = rejected.stream().anyMatch(rejection -> rejection.failure().kind() == PeerFailureKind.FINGERPRINT_MISMATCH);
        if (verified.isEmpty() || mismatch) {
            throw new PeerException(
                    "Failed retrieving cluster certificate from any address: " + rejected.stream().map(Verification.Rejected::sentence).collect(Collectors.joining("; ")),
                    rejected.stream().map(Verification.Rejected::failure).toList());
        }
        return new VerifiedCertificate(verified.getFirst().certificate(), verified.stream().map(Verification.Verified::address).toList());
    }

    /**
     * Public links (spec §4.8.6 steps 4-5): fetches the certificate served at {@code address} without verifying it,
     * then checks that an LXD API server answers {@code GET /1.0} there, pinned to that certificate and presenting none.
     *
     * @throws PeerException {@code Failed retrieving certificate from "<address>": <cause>} or
     * {@code Failed verifying "<address>" is a LXD server: Failed querying /1.0 endpoint at "<canonical>": <cause>}
     */
    public X509Certificate fetchVerifiedServerCertificate(String address)
    {
        requireNonNull(address, "address is null");
        String canonical;
        try {
            canonical = canonicalAddress(address);
        }
        catch (IllegalArgumentException e) {
            PeerFailure failure = PeerFailure.of(address, PeerFailureKind.OTHER, e.getMessage());
            throw new PeerException("Failed retrieving certificate from \"%s\": %s".formatted(address, failure.reason()), List.of(failure));
        }
        X509Certificate certificate;
        try {
            certificate = JxdClient.fetchServerCertificate(canonical, perAddressTimeout);
        }
        catch (RuntimeException e) {
            PeerFailure failure = PeerFailures.classify(address, e, perAddressTimeout);
            throw new PeerException("Failed retrieving certificate from \"%s\": %s".formatted(address, failure.reason()), List.of(failure));
        }
        Optional<PeerFailure> notLxd = queryServer(address, canonical, PeerCredentials.anonymous(certificate));
        if (notLxd.isPresent()) {
            throw new PeerException(notLxdSentence(address, canonical, notLxd.get()), List.of(notLxd.get()));
        }
        return certificate;
    }

    /**
     * Tries the addresses in order until {@code call} succeeds on one. Like LXD's connection helper, each attempt first
     * sends {@code GET /1.0}, bounded by the per-address timeout, so a dead or blackholed address costs one timeout;
     * the call itself then runs on that connection with a generous idle timeout, because the peer may do slow work.
     * An {@link dev.jxd.client.ApiException} from the call is a failure of kind {@link PeerFailureKind#HTTP_ERROR}
     * carrying the peer's status and message, and the next address is tried.
     *
     * @throws PeerException {@code Failed connecting to any address: <failures joined by "; ">} when no address succeeded
     */
    public <T> PeerCallResult<T> callFirst(List<String> addresses, PeerCredentials credentials, PeerCall<T> call)
    {
        requireNonNull(addresses, "addresses is null");
        requireNonNull(credentials, "credentials is null");
        requireNonNull(call, "call is null");
        if (addresses.isEmpty()) {
            throw new PeerException("Failed connecting to any address: no addresses provided", List.of());
        }
        List<PeerFailure> failures = new ArrayList<>();
        List<Throwable> causes = new ArrayList<>();
        try (ConnectionPools.Lease lease = pools.acquire(credentials)) {
            for (String address : addresses) {
                String canonical;
                try {
                    canonical = canonicalAddress(address);
                }
                catch (IllegalArgumentException e) {
                    failures.add(PeerFailure.of(address, PeerFailureKind.OTHER, e.getMessage()));
                    continue;
                }
                try {
                    lease.pool().client(canonical, boundedOptions).get("/1.0");
                }
                catch (RuntimeException e) {
                    failures.add(PeerFailures.classify(address, e, perAddressTimeout));
                    causes.add(e);
                    continue;
                }
                try {
                    T value = call.call(lease.pool().client(canonical, callOptions));
                    return new PeerCallResult<>(address, value);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(PeerFailure.of(address, PeerFailureKind.OTHER, "interrupted"));
                    break;
                }
                catch (Exception e) {
                    failures.add(PeerFailures.classify(address, e, perAddressTimeout));
                    causes.add(e);
                }
            }
        }
        PeerException exception = new PeerException(
                "Failed connecting to any address: " + failures.stream().map(PeerFailure::describe).collect(Collectors.joining("; ")),
                failures);
        causes.forEach(exception::addSuppressed);
        throw exception;
    }

    /**
     * {@code GET /1.0} of one address (spec §4.15 step 5): answered with status 200 is {@link ProbeStatus#UNAUTHENTICATED},
     * or {@link ProbeStatus#ACTIVE} when {@code metadata.auth} is {@code trusted}; anything else is
     * {@link ProbeStatus#UNREACHABLE} with the failure. Bounded by the per-address timeout in total.
     */
    public ProbeResult probe(String address, PeerCredentials credentials)
    {
        requireNonNull(address, "address is null");
        requireNonNull(credentials, "credentials is null");
        Instant probedAt = clock.instant();
        String canonical;
        try {
            canonical = canonicalAddress(address);
        }
        catch (IllegalArgumentException e) {
            return ProbeResult.unreachable(PeerFailure.of(address, PeerFailureKind.OTHER, e.getMessage()), probedAt);
        }
        try (ConnectionPools.Lease lease = pools.acquire(credentials)) {
            JxdClient client = lease.pool().client(canonical, boundedOptions);
            long start = System.nanoTime();
            ApiResponse response = client.get("/1.0");
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
            if (response.envelope().statusCode() != 200) {
                return ProbeResult.unreachable(PeerFailure.of(address, PeerFailureKind.NOT_LXD,
                        "unexpected status code %d in the answer to GET /1.0".formatted(response.envelope().statusCode())), probedAt);
            }
            JsonNode metadata = response.metadata();
            ProbeStatus status = "trusted".equals(metadata.path("auth").asString("")) ? ProbeStatus.ACTIVE : ProbeStatus.UNAUTHENTICATED;
            String serverName = metadata.path("environment").path("server_name").asString("");
            // The pin is exact, so the certificate served is the pinned one
            Instant expiresAt = credentials.pinned().getNotAfter().toInstant();
            return new ProbeResult(address, status, serverName, Optional.of(roundTrip), Optional.of(expiresAt), Optional.empty(), probedAt);
        }
        catch (RuntimeException e) {
            return ProbeResult.unreachable(PeerFailures.classify(address, e, perAddressTimeout), probedAt);
        }
    }

    /** {@link #probe} of every address in parallel; the results are in address order and take about one timeout in total. */
    public List<ProbeResult> probeAll(List<String> addresses, PeerCredentials credentials)
    {
        requireNonNull(addresses, "addresses is null");
        requireNonNull(credentials, "credentials is null");
        Instant probedAt = clock.instant();
        return runAll(
                addresses.stream().<Supplier<ProbeResult>>map(address -> () -> probe(address, credentials)).toList(),
                index -> ProbeResult.unreachable(PeerFailures.timeout(addresses.get(index), perAddressTimeout), probedAt));
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
        pools.close();
    }

    /** Number of cached connection pools; for tests. */
    int pooledClients()
    {
        return pools.size();
    }

    /** Runs work on the connector's executor; the health monitor uses it so that all its links are probed in parallel. */
    <T> List<T> runAll(List<Supplier<T>> tasks, Function<Integer, T> onTimeout)
    {
        // Each task bounds itself; this deadline is a safety net so one stuck address can never hold up the others
        long deadline = System.nanoTime() + perAddressTimeout.toNanos() + perAddressTimeout.toNanos() / 2;
        return runUntil(tasks, deadline, onTimeout);
    }

    <T> List<T> runUntil(List<Supplier<T>> tasks, long deadlineNanos, Function<Integer, T> onTimeout)
    {
        if (tasks.size() == 1) {
            return List.of(tasks.getFirst().get());
        }
        List<Future<T>> futures = tasks.stream().map(task -> executor.submit(task::get)).toList();
        List<T> results = new ArrayList<>(tasks.size());
        for (int index = 0; index < futures.size(); index++) {
            Future<T> future = futures.get(index);
            try {
                results.add(future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            catch (TimeoutException | CancellationException e) {
                future.cancel(true);
                results.add(onTimeout.apply(index));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(pending -> pending.cancel(true));
                throw new PeerException("Interrupted while contacting the peer", List.of());
            }
            catch (ExecutionException e) {
                // Tasks report failures as values; an exception here is a bug, surfaced as is
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return results;
    }

    /**
     * One connection does both halves of the check: it is pinned to the expected fingerprint, so the handshake fails on
     * another certificate (reported with the certificate's fingerprint) and {@code GET /1.0} then runs over it. The
     * connection stays in the pool for the calls that normally follow a successful check.
     */
    private Verification verifyAddress(String address, String expectedFingerprint)
    {
        String canonical;
        try {
            canonical = canonicalAddress(address);
        }
        catch (IllegalArgumentException e) {
            PeerFailure failure = PeerFailure.of(address, PeerFailureKind.OTHER, e.getMessage());
            return new Verification.Rejected(failure, "Failed retrieving certificate from \"%s\": %s".formatted(address, failure.reason()));
        }
        try (ConnectionPools.Lease lease = pools.acquire(expectedFingerprint, Optional.empty())) {
            try {
                lease.pool().client(canonical, boundedOptions).get("/1.0");
            }
            catch (RuntimeException e) {
                PeerFailure failure = PeerFailures.classify(address, e, perAddressTimeout);
                return switch (failure.kind()) {
                    case FINGERPRINT_MISMATCH -> new Verification.Rejected(failure, "Certificate fingerprint mismatch for address \"%s\" (expected %s, got %s)"
                            .formatted(address, expectedFingerprint, PeerFailures.presentedFingerprint(e).orElse("unknown")));
                    // No TLS session was established: LXD's fetch of the certificate is what failed
                    case REFUSED, TIMEOUT, TLS, UNRESOLVED_HOST -> new Verification.Rejected(failure,
                            "Failed retrieving certificate from \"%s\": %s".formatted(address, failure.reason()));
                    default -> {
                        PeerFailure notLxd = PeerFailures.asNotLxd(failure);
                        yield new Verification.Rejected(notLxd, notLxdSentence(address, canonical, notLxd));
                    }
                };
            }
            return new Verification.Verified(address, lease.pool().serverCertificate()
                    .orElseThrow(() -> new IllegalStateException("No certificate recorded after a successful pinned request")));
        }
    }

    /** {@code GET /1.0} pinned, bounded; empty when the server answered as an LXD server does. */
    private Optional<PeerFailure> queryServer(String address, String canonical, PeerCredentials credentials)
    {
        try (ConnectionPools.Lease lease = pools.acquire(credentials)) {
            lease.pool().client(canonical, boundedOptions).get("/1.0");
            return Optional.empty();
        }
        catch (RuntimeException e) {
            return Optional.of(PeerFailures.asNotLxd(PeerFailures.classify(address, e, perAddressTimeout)));
        }
    }

    private static String notLxdSentence(String address, String canonical, PeerFailure failure)
    {
        return "Failed verifying \"%s\" is a LXD server: Failed querying /1.0 endpoint at \"%s\": %s".formatted(address, canonical, failure.reason());
    }

    private static Duration max(Duration first, Duration second)
    {
        return first.compareTo(second) >= 0 ? first : second;
    }

    private sealed interface Verification
    {
        record Verified(String address, X509Certificate certificate)
                implements Verification {}

        /** @param sentence the spec's wording for this address's failure */
        record Rejected(PeerFailure failure, String sentence)
                implements Verification {}
    }
}

package dev.jxd.daemon.db.raft;

import dev.jxd.api.cert.CertificateAndKey;

import java.nio.file.Path;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How one member runs the replicated database.
 *
 * @param memberName the member's Raft id; unique in the cluster and stable across restarts
 * @param raftAddress {@code host:port} the member's Raft endpoint binds to and that other members dial
 * @param storageDirectory the Ratis log, metadata and snapshots ({@code <state>/database/raft})
 * @param clusterCertificate the certificate and key every member shares; all Raft traffic is mutual TLS
 * that accepts exactly this certificate
 * @param electionTimeoutMin a follower that hears nothing from the leader for a random time between the two
 * election timeouts starts an election; the leader sends heartbeats every half minimum
 * @param requestTimeout one Raft RPC attempt, between members and from a member's client to the leader
 * @param writeTimeout how long a write or a linearizable read keeps retrying without a leader before it fails
 * with {@link NoQuorumException}
 * @param membershipTimeout how long a membership change may take, including bringing a new member up to date
 * @param snapshotThreshold applied entries after which the member snapshots its database and purges its log
 * @param logSegmentSize the size at which a log segment is closed; only closed segments are purged, so this
 * and the snapshot threshold bound the log on disk
 */
public record RaftSettings(
        String memberName,
        String raftAddress,
        Path storageDirectory,
        CertificateAndKey clusterCertificate,
        Duration electionTimeoutMin,
        Duration electionTimeoutMax,
        Duration requestTimeout,
        Duration writeTimeout,
        Duration membershipTimeout,
        long snapshotThreshold,
        long logSegmentSize)
{
    /*
     * Election timeouts of 1-2 s (Ratis defaults to 150-300 ms, tuned for dedicated servers): a daemon shares a
     * small machine with its workload, and a member stalled by a busy CPU or a collection for a few hundred
     * milliseconds must not depose a healthy leader. Heartbeats every 500 ms still let a new leader take over
     * quickly: in the tests, the first write through a survivor succeeds 1.7-2.2 s after the leader stops.
     */
    private static final Duration DEFAULT_ELECTION_TIMEOUT_MIN = Duration.ofMillis(1000);
    private static final Duration DEFAULT_ELECTION_TIMEOUT_MAX = Duration.ofMillis(2000);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_MEMBERSHIP_TIMEOUT = Duration.ofSeconds(60);
    // The daemon's commands are a few hundred bytes: 10,000 entries are a few MB of log and a snapshot
    // (a copy of a database of a few MB) every 10,000 writes costs nothing noticeable
    private static final long DEFAULT_SNAPSHOT_THRESHOLD = 10_000;
    private static final long DEFAULT_LOG_SEGMENT_SIZE = 8L * 1024 * 1024;

    public RaftSettings
    {
        requireNonNull(memberName, "memberName is null");
        requireNonNull(raftAddress, "raftAddress is null");
        requireNonNull(storageDirectory, "storageDirectory is null");
        requireNonNull(clusterCertificate, "clusterCertificate is null");
        requireNonNull(electionTimeoutMin, "electionTimeoutMin is null");
        requireNonNull(electionTimeoutMax, "electionTimeoutMax is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(writeTimeout, "writeTimeout is null");
        requireNonNull(membershipTimeout, "membershipTimeout is null");
        if (memberName.isBlank()) {
            throw new IllegalArgumentException("Member name must not be empty");
        }
        checkHostAndPort(raftAddress);
        requirePositive(electionTimeoutMin, "electionTimeoutMin");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(writeTimeout, "writeTimeout");
        requirePositive(membershipTimeout, "membershipTimeout");
        if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
            throw new IllegalArgumentException("electionTimeoutMax must be greater than electionTimeoutMin");
        }
        if (snapshotThreshold <= 0) {
            throw new IllegalArgumentException("snapshotThreshold must be positive");
        }
        if (logSegmentSize < 1024) {
            throw new IllegalArgumentException("logSegmentSize must be at least 1 KiB");
        }
    }

    public static RaftSettings defaults(String memberName, String raftAddress, Path storageDirectory, CertificateAndKey clusterCertificate)
    {
        return new RaftSettings(
                memberName,
                raftAddress,
                storageDirectory,
                clusterCertificate,
                DEFAULT_ELECTION_TIMEOUT_MIN,
                DEFAULT_ELECTION_TIMEOUT_MAX,
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_WRITE_TIMEOUT,
                DEFAULT_MEMBERSHIP_TIMEOUT,
                DEFAULT_SNAPSHOT_THRESHOLD,
                DEFAULT_LOG_SEGMENT_SIZE);
    }

    public RaftSettings withElectionTimeout(Duration minimum, Duration maximum)
    {
        return new RaftSettings(memberName, raftAddress, storageDirectory, clusterCertificate, minimum, maximum, requestTimeout, writeTimeout, membershipTimeout, snapshotThreshold, logSegmentSize);
    }

    public RaftSettings withRequestTimeout(Duration timeout)
    {
        return new RaftSettings(memberName, raftAddress, storageDirectory, clusterCertificate, electionTimeoutMin, electionTimeoutMax, timeout, writeTimeout, membershipTimeout, snapshotThreshold, logSegmentSize);
    }

    public RaftSettings withWriteTimeout(Duration timeout)
    {
        return new RaftSettings(memberName, raftAddress, storageDirectory, clusterCertificate, electionTimeoutMin, electionTimeoutMax, requestTimeout, timeout, membershipTimeout, snapshotThreshold, logSegmentSize);
    }

    public RaftSettings withMembershipTimeout(Duration timeout)
    {
        return new RaftSettings(memberName, raftAddress, storageDirectory, clusterCertificate, electionTimeoutMin, electionTimeoutMax, requestTimeout, writeTimeout, timeout, snapshotThreshold, logSegmentSize);
    }

    public RaftSettings withSnapshotThreshold(long entries)
    {
        return new RaftSettings(memberName, raftAddress, storageDirectory, clusterCertificate, electionTimeoutMin, electionTimeoutMax, requestTimeout, writeTimeout, membershipTimeout, entries, logSegmentSize);
    }

    public RaftSettings withLogSegmentSize(long bytes)
    {
        return new RaftSettings(memberName, raftAddress, storageDirectory, clusterCertificate, electionTimeoutMin, electionTimeoutMax, requestTimeout, writeTimeout, membershipTimeout, snapshotThreshold, bytes);
    }

    /** The host part of {@link #raftAddress}, without the brackets of an IPv6 literal. */
    String host()
    {
        String host = raftAddress.substring(0, raftAddress.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    int port()
    {
        return Integer.parseInt(raftAddress.substring(raftAddress.lastIndexOf(':') + 1));
    }

    static void checkHostAndPort(String address)
    {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("Raft address must be host:port: " + address);
        }
        String host = address.substring(0, colon);
        if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
            throw new IllegalArgumentException("An IPv6 Raft address must be [host]:port: " + address);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        }
        catch (NumberFormatException exception) {
            throw new IllegalArgumentException("Raft address must be host:port: " + address, exception);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Raft address port out of range: " + address);
        }
    }

    private static void requirePositive(Duration duration, String name)
    {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}

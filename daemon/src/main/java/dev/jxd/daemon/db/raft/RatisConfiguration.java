package dev.jxd.daemon.db.raft;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Turns {@link RaftSettings} into Ratis' typed configuration: server and client properties, TLS, retries. */
final class RatisConfiguration
{
    // Snapshots kept on disk: the newest, plus the one before in case the newest is being sent to a follower
    private static final int SNAPSHOTS_RETAINED = 2;
    private static final long PREALLOCATED_SEGMENT_SIZE = 4L * 1024 * 1024;
    private static final int SEGMENTS_CACHED = 2;
    private static final Duration RETRY_SLEEP = Duration.ofMillis(100);

    private RatisConfiguration() {}

    /**
     * The cluster's one Raft group. Derived from the cluster certificate so that every member computes it
     * without being told, and a member holding a different certificate is in a different group.
     */
    static RaftGroupId groupId(CertificateAndKey clusterCertificate)
    {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("jxd-cluster-database:" + clusterCertificate.fingerprint()).getBytes(UTF_8)));
    }

    static RaftPeer peer(RaftPeerAddress address, PeerRole role)
    {
        return RaftPeer.newBuilder()
                .setId(RaftPeerId.valueOf(address.memberName()))
                .setAddress(address.address())
                .setStartupRole(role == PeerRole.VOTER ? RaftPeerRole.FOLLOWER : RaftPeerRole.LISTENER)
                .build();
    }

    static RaftProperties serverProperties(RaftSettings settings)
    {
        RaftProperties properties = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(properties, List.of(settings.storageDirectory().toFile()));
        GrpcConfigKeys.Server.setHost(properties, settings.host());
        GrpcConfigKeys.Server.setPort(properties, settings.port());

        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, duration(settings.electionTimeoutMin()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, duration(settings.electionTimeoutMax()));
        // A member that starts with nobody else alive (the first member, a restarted single member) should
        // not wait a full election timeout; split votes among members starting together just retry
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(properties, duration(settings.electionTimeoutMin().dividedBy(4)));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(properties, duration(settings.electionTimeoutMin().dividedBy(2)));
        RaftServerConfigKeys.Rpc.setRequestTimeout(properties, duration(settings.requestTimeout()));
        // A leader that lost its quorum steps down and, by default, stands for election again only after 10 s;
        // when the quorum comes back and it holds the longest log, nobody else can win meanwhile
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(properties, duration(settings.electionTimeoutMax()));
        // A new member may take a while to receive a snapshot before it can vote
        RaftServerConfigKeys.setStagingTimeout(properties, duration(settings.membershipTimeout()));

        // Followers answer linearizable reads themselves, after learning the leader's commit index
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setTimeout(properties, duration(settings.writeTimeout()));

        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, settings.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, SNAPSHOTS_RETAINED);
        // Restarting replays the log after the last snapshot and skips what the database already holds, so
        // a snapshot at shutdown would only slow shutdown down
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(properties, false);
        // Ratis retries a silent follower only every 5 s after a few quick attempts, so a restarted member
        // lagged for up to 10 s; retrying every half second brings it back within about a second
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(properties, "1ms,10,100ms,20,500ms,1000000");
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        RaftServerConfigKeys.Log.setPurgeGap(properties, (int) Math.min(settings.snapshotThreshold(), 1024));
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf(settings.logSegmentSize()));
        RaftServerConfigKeys.Log.setPreallocatedSize(properties, SizeInBytes.valueOf(Math.min(settings.logSegmentSize(), PREALLOCATED_SEGMENT_SIZE)));
        // Entries are read back only by a leader catching up a follower: a couple of cached segments is plenty
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(properties, SEGMENTS_CACHED);
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(properties, true);
        return properties;
    }

    static RaftProperties clientProperties(Duration requestTimeout)
    {
        RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, duration(requestTimeout));
        return properties;
    }

    /**
     * Retries every kind of request (on another member, after a leader change) with a short pause, until
     * {@code total} has passed since the request was first sent. Without a bound per type, Ratis retries
     * admin requests forever without pausing.
     */
    static RetryPolicy retryPolicy(Duration total)
    {
        RequestTypeDependentRetryPolicy.Builder builder = RequestTypeDependentRetryPolicy.newBuilder();
        RetryPolicy pause = RetryPolicies.retryForeverWithSleep(duration(RETRY_SLEEP));
        for (RaftClientRequestProto.TypeCase type : RaftClientRequestProto.TypeCase.values()) {
            if (type != RaftClientRequestProto.TypeCase.TYPE_NOT_SET) {
                builder.setRetryPolicy(type, pause);
                builder.setTimeout(type, duration(total));
            }
        }
        return builder.build();
    }

    /**
     * Mutual TLS for every Raft channel (member to member, client to member, admin): present the cluster
     * certificate and accept only a peer presenting {@code trusted}.
     */
    static Parameters tlsParameters(CertificateAndKey presented, X509Certificate trusted)
    {
        GrpcTlsConfig tls = new GrpcTlsConfig(Certificates.keyManagers(presented)[0], new PinnedCertificateTrustManager(trusted), true);
        Parameters parameters = new Parameters();
        GrpcConfigKeys.TLS.setConf(parameters, tls);
        GrpcConfigKeys.Server.setTlsConf(parameters, tls);
        GrpcConfigKeys.Client.setTlsConf(parameters, tls);
        GrpcConfigKeys.Admin.setTlsConf(parameters, tls);
        return parameters;
    }

    static TimeDuration duration(Duration duration)
    {
        return TimeDuration.valueOf(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}

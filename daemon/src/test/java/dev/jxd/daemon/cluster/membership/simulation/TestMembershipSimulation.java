package dev.jxd.daemon.cluster.membership.simulation;

import dev.jxd.daemon.cluster.membership.simulation.MembershipSimulation.Result;
import dev.jxd.daemon.cluster.membership.simulation.MembershipSimulation.Sabotage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link MembershipSimulation} over a fixed range of seeds, so every build checks the same
 * histories. {@code -Djxd.simulation.firstSeed=N -Djxd.simulation.seeds=M} explores other seeds; a
 * failure message names its seed, which then belongs in {@code regressionSeeds}.
 */
class TestMembershipSimulation
{
    private static final int OPERATIONS = 300;

    @Test
    void manySeeds()
    {
        long firstSeed = Long.getLong("jxd.simulation.firstSeed", 0);
        int seeds = Integer.getInteger("jxd.simulation.seeds", 200);
        Map<String, Long> outcomes = new TreeMap<>();
        long events = 0;
        long forwards = 0;
        long retries = 0;
        long elections = 0;
        long configurationChanges = 0;
        long maxLatency = 0;
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            Result result = new MembershipSimulation(seed, OPERATIONS, Set.of()).run();
            result.outcomes().forEach((outcome, count) -> outcomes.merge(outcome, count, Long::sum));
            events += result.events();
            forwards += result.forwards();
            retries += result.retries();
            elections += result.elections();
            configurationChanges += result.configurationChanges();
            maxLatency = Math.max(maxLatency, result.maxLatencyMillis());
        }
        System.out.printf("membership simulation: %d seeds from %d, %d operations each: %d events, %d forwards, %d retries, %d elections, "
                + "%d configuration changes, slowest answer %d ms, outcomes %s%n", seeds, firstSeed, OPERATIONS, events, forwards, retries, elections,
                configurationChanges, maxLatency, outcomes);

        // The operation stream must keep reaching the interesting paths, or the invariants check little.
        assertThat(forwards).isGreaterThan(seeds * 20L);
        assertThat(retries).isGreaterThan(seeds * 10L);
        assertThat(elections).isGreaterThan(seeds * 2L);
        assertThat(outcomes).containsKeys(
                "WRITE 200", "WRITE 504", "JOIN 200", "REMOVE 200", "REMOVE 400", "REMOVE 404", "REMOVE 500",
                "TARGETED_READ 200", "TARGETED_READ 404", "TARGETED_READ 503");
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 5, 42})
    void regressionSeeds(long seed)
    {
        // Seeds that found bugs while the simulation was written (a leader's own online view, a leader
        // forgetting its role after one failed commit, a joiner committed while down).
        new MembershipSimulation(seed, OPERATIONS, Set.of()).run();
    }

    @Test
    void sameSeedReplaysIdentically()
    {
        Result first = new MembershipSimulation(42, OPERATIONS, Set.of()).run();
        assertThat(new MembershipSimulation(42, OPERATIONS, Set.of()).run()).isEqualTo(first);
        assertThat(new MembershipSimulation(43, OPERATIONS, Set.of()).run().summary()).isNotEqualTo(first.summary());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            RETRY_UNKNOWN_OUTCOME       | executed 2 times
            FORWARD_FORWARDED_REQUESTS  | with 2 hops
            REMOVE_WITHOUT_QUORUM_CHECK | with too few voters online
            """)
    void invariantsCatchDeliberateBugs(Sabotage sabotage, String violation)
    {
        Optional<String> caught = Optional.empty();
        for (long seed = 0; seed < 50 && caught.isEmpty(); seed++) {
            try {
                new MembershipSimulation(seed, OPERATIONS, Set.of(sabotage)).run();
            }
            catch (AssertionError failure) {
                caught = Optional.of(failure.getMessage());
            }
        }
        assertThat(caught).hasValueSatisfying(message -> assertThat(message).contains("seed=", violation));
    }
}

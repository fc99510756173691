package dev.jxd.daemon.cluster.membership;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestRetryPolicy
{
    @Test
    void defaultScheduleDoublesUntilTheAttemptsRunOut()
    {
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> delay = RetryPolicy.DEFAULT.nextAttempt(attempt, ForwardFailure.noLeader());
            if (delay.isEmpty()) {
                assertThat(attempt).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
                break;
            }
            delays.add(delay.get());
        }
        assertThat(delays).containsExactly(
                Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600));
    }

    @Test
    void backoffIsCapped()
    {
        RetryPolicy policy = new RetryPolicy(100, Duration.ofMillis(300), Duration.ofSeconds(1));
        assertThat(policy.nextAttempt(2, ForwardFailure.notDelivered("b"))).contains(Duration.ofMillis(600));
        assertThat(policy.nextAttempt(3, ForwardFailure.notDelivered("b"))).contains(Duration.ofSeconds(1));
        assertThat(policy.nextAttempt(99, ForwardFailure.notDelivered("b"))).contains(Duration.ofSeconds(1));
        assertThat(policy.nextAttempt(100, ForwardFailure.notDelivered("b"))).isEmpty();
    }

    @Test
    void unknownOutcomeIsNeverRetried()
    {
        assertThat(RetryPolicy.DEFAULT.nextAttempt(1, ForwardFailure.outcomeUnknown("b"))).isEmpty();
        assertThat(RetryPolicy.DEFAULT.nextAttempt(1, ForwardFailure.notLeader("b", Optional.of("c")))).contains(Duration.ofMillis(100));
    }

    @Test
    void validation()
    {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.nextAttempt(0, ForwardFailure.noLeader())).isInstanceOf(IllegalArgumentException.class);
        assertThat(ForwardFailure.notLeader("b", Optional.of("b")).leaderHint()).isEmpty();
    }
}

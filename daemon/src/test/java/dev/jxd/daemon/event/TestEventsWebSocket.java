package dev.jxd.daemon.event;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.event.Event;
import dev.jxd.client.EventSubscription;
import dev.jxd.client.JxdClient;
import dev.jxd.client.JxdClientException;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestEventsWebSocket
{
    @AutoClose
    private final TestDaemon server = TestDaemon.start();
    private final JxdClient admin = server.unixClient();

    @Test
    void eventsCausedRightAfterSubscribingAreDelivered()
            throws InterruptedException
    {
        // Jetty answers the upgrade before it opens the session; the subscription must already exist then
        for (int round = 0; round < 40; round++) {
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            try (EventSubscription subscription = admin.events("lifecycle", events::add)) {
                admin.patch("/1.0", Map.of("config", Map.of("user.round", Integer.toString(round))), null);
                Event event = events.poll(10, TimeUnit.SECONDS);
                assertThat(event).as("event of round %d", round).isNotNull();
                assertThat(event.metadata().get("action").asString()).isEqualTo("config-updated");
            }
        }
    }

    @Test
    void typesFilterTheStream()
            throws InterruptedException
    {
        BlockingQueue<Event> security = new LinkedBlockingQueue<>();
        BlockingQueue<Event> lifecycle = new LinkedBlockingQueue<>();
        try (EventSubscription securityOnly = admin.events("security", security::add);
                EventSubscription lifecycleOnly = admin.events("lifecycle", lifecycle::add)) {
            admin.patch("/1.0", Map.of("config", Map.of("user.filter", "1")), null);
            assertThat(lifecycle.poll(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(security.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void unknownTypeAndUntrustedCallerAreRefused()
    {
        assertThatThrownBy(() -> admin.events("lifecycle,bogus", event -> {}))
                .isInstanceOf(JxdClientException.class)
                .hasMessageContaining("400");
        CertificateAndKey stranger = TestDaemon.newClientCertificate("stranger");
        try (JxdClient untrusted = server.httpsClient(stranger)) {
            assertThatThrownBy(() -> untrusted.events("lifecycle", event -> {}))
                    .isInstanceOf(JxdClientException.class)
                    .hasMessageContaining("403");
        }
    }
}

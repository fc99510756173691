package dev.jxd.daemon.db.raft;

import dev.jxd.api.json.Json;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.db.raft.TestCommands.CreateProject;
import dev.jxd.daemon.db.raft.TestCommands.Increment;
import dev.jxd.daemon.db.raft.TestCommands.PutConfig;
import dev.jxd.daemon.db.raft.TestCommands.StoreResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestStateCommandCodec
{
    @Test
    void testCommandsRoundTrip()
    {
        StateCommandCodec codec = TestCommands.codec();
        for (StateCommand<?> command : List.of(new PutConfig("key", "value"), new Increment("counter"), new CreateProject("p", ""))) {
            assertThat(codec.decode(codec.encode(command))).isEqualTo(command);
        }
    }

    @Test
    void testWireForm()
    {
        StateCommandCodec codec = TestCommands.codec();
        JsonNode tree = Json.lenient().readTree(new String(codec.encode(new CreateProject("web", "the site")), UTF_8));
        assertThat(tree.get("type").stringValue()).isEqualTo("test.CreateProject");
        assertThat(tree.get("command").get("name").stringValue()).isEqualTo("web");
        assertThat(tree.get("command").get("description").stringValue()).isEqualTo("the site");
        assertThat(tree.size()).isEqualTo(2);
    }

    @Test
    void testNestedCommandsUseTheRegistry()
    {
        StateCommandCodec codec = TestCommands.codec();
        StoreResult command = new StoreResult("result", new Increment("counter"));
        byte[] encoded = codec.encode(command);

        JsonNode inner = Json.lenient().readTree(new String(encoded, UTF_8)).get("command").get("inner");
        assertThat(inner.get("type").stringValue()).isEqualTo("test.Increment");
        assertThat(inner.get("command").get("key").stringValue()).isEqualTo("counter");
        assertThat(codec.decode(encoded)).isEqualTo(command);

        // A nested command whose type is not registered fails like a top-level one
        String unknownInner = new String(encoded, UTF_8).replace("test.Increment", "test.Unknown");
        assertThatThrownBy(() -> codec.decode(unknownInner.getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown state command type: test.Unknown");
    }

    @Test
    void testDaemonValueTypesRoundTrip()
    {
        StateCommandCodec codec = new StateCommandCodec().register("test.Rich", Rich.class);
        Rich command = new Rich(Instant.parse("2026-01-02T03:04:05.123456789Z"), Optional.of("x"), Optional.empty(), Set.of(Color.RED), Map.of("a", "b"), List.of(1L, 2L));
        assertThat(codec.decode(codec.encode(command))).isEqualTo(command);
    }

    @Test
    void testUnknownTypesAndFieldsFailLoudly()
    {
        StateCommandCodec codec = TestCommands.codec();
        assertThatThrownBy(() -> codec.decode("{\"type\":\"test.Nope\",\"command\":{}}".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown state command type: test.Nope");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"test.Increment\",\"command\":{\"key\":\"k\",\"extra\":1}}".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extra");
        assertThatThrownBy(() -> codec.decode("{\"command\":{}}".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encode(new Unregistered()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not registered");
    }

    @Test
    void testRegistrationIsOneToOne()
    {
        StateCommandCodec codec = TestCommands.codec();
        codec.register("test.Increment", Increment.class);
        assertThatThrownBy(() -> codec.register("test.Increment", PutConfig.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.register("test.Other", Increment.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testEntriesCarryTheRequestIdAndMustRoundTrip()
    {
        StateCommandCodec codec = TestCommands.codec().register("test.Lossy", Lossy.class);
        StateCommandCodec.CommandEntry entry = codec.decodeEntry(codec.encodeEntry("m1:42", new Increment("counter")));
        assertThat(entry.requestId()).isEqualTo("m1:42");
        assertThat(entry.command()).isEqualTo(new Increment("counter"));

        // A Long in an Object component comes back as an Integer: refused before it reaches the log
        assertThatThrownBy(() -> codec.encodeEntry("m1:43", new Lossy(7L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not survive");
    }

    enum Color
    {
        RED, GREEN
    }

    record Rich(Instant now, Optional<String> present, Optional<String> absent, Set<Color> colors, Map<String, String> config, List<Long> numbers)
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            return null;
        }
    }

    record Lossy(Object value)
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            return null;
        }
    }

    record Unregistered()
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            return null;
        }
    }
}

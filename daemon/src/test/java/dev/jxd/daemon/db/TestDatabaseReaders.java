package dev.jxd.daemon.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestDatabaseReaders
{
    @Test
    void testReadersAreOpenedOnDemandUpToTheLimit(@TempDir Path directory)
            throws Exception
    {
        try (Database database = Database.open(directory.resolve("local.db"));
                ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Set<Connection> seen = ConcurrentHashMap.newKeySet();
            long migrations = database.read(connection -> {
                seen.add(connection);
                return Sql.queryLong(connection, "SELECT COUNT(*) FROM schema");
            });
            assertThat(migrations).isPositive();
            assertThat(seen).hasSize(1);

            // More concurrent readers than connections: each holds its connection until all have started or timed out
            int concurrent = 12;
            CountDownLatch started = new CountDownLatch(concurrent);
            List<Future<Long>> results = new ArrayList<>();
            for (int index = 0; index < concurrent; index++) {
                results.add(executor.submit(() -> database.read(connection -> {
                    seen.add(connection);
                    started.countDown();
                    try {
                        started.await(200, TimeUnit.MILLISECONDS);
                    }
                    catch (InterruptedException exception) {
                        Thread.currentThread().interrupt();
                    }
                    return Sql.queryLong(connection, "SELECT COUNT(*) FROM schema");
                })));
            }
            for (Future<Long> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isPositive();
            }
            assertThat(seen).hasSizeBetween(2, 4);
        }
    }

    @Test
    void testReadAfterCloseFails(@TempDir Path directory)
    {
        Database database = Database.open(directory.resolve("local.db"));
        database.close();

        assertThatThrownBy(() -> database.read(connection -> 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }
}

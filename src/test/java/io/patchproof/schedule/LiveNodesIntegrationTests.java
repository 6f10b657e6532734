package io.patchproof.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.store.StoreDialect;
import io.patchproof.testsupport.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A restart's take-over of an execution marked running, on a shared store (PostgreSQL) and on H2. */
class LiveNodesIntegrationTests {

    static final Instant NOW = Instant.parse("2026-10-20T06:00:00Z");
    static final LocalDateTime LONG_AGO = LocalDateTime.ofInstant(NOW.minus(Duration.ofHours(2)), ZoneId.systemDefault());
    static final LocalDateTime JUST_NOW = LocalDateTime.ofInstant(NOW.minusSeconds(30), ZoneId.systemDefault());

    private final DataSource pg = PostgresServer.dataSource(PostgresServer.newDatabase("live_nodes"));

    @Test
    void aScheduleNodeThatCheckedInWithinTwiceItsIntervalRefusesTheTakeOverNamingIt() {
        QuartzTables.createIfAbsent(pg, StoreDialect.POSTGRESQL);
        checkIn("node-a", NOW.minusSeconds(15), 10_000);

        assertThat(LiveNodes.mayBeRunning(pg, 42, LONG_AGO, NOW)).hasValueSatisfying(why -> assertThat(why)
                .contains("run 42", "node-a", "checked in 15 s ago", "Stop the schedule nodes"));
    }

    @Test
    void aNodeWhoseCheckInIsStaleAndAnExecutionQuietForLongAreTakenOver() {
        QuartzTables.createIfAbsent(pg, StoreDialect.POSTGRESQL);
        checkIn("node-dead", NOW.minusSeconds(21), 10_000);

        assertThat(LiveNodes.mayBeRunning(pg, 42, LONG_AGO, NOW)).isEmpty();
    }

    @Test
    void anExecutionThatWroteRecentlyIsRefusedEvenWithoutAScheduleNode() {
        assertThat(LiveNodes.mayBeRunning(pg, 42, JUST_NOW, NOW)).hasValueSatisfying(why -> assertThat(why)
                .contains("run 42", "less than 10 minutes ago", "another process"));
        assertThat(LiveNodes.mayBeRunning(pg, 42, null, NOW)).isEmpty();
    }

    @Test
    void onTheEmbeddedFileAnExecutionMarkedRunningWasLeftByACrash() {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        QuartzTables.createIfAbsent(h2, StoreDialect.H2);
        new JdbcTemplate(h2).update("INSERT INTO QRTZ_SCHEDULER_STATE (SCHED_NAME, INSTANCE_NAME, LAST_CHECKIN_TIME,"
                + " CHECKIN_INTERVAL) VALUES ('patchproof', 'node-a', ?, 10000)", NOW.toEpochMilli());

        assertThat(LiveNodes.mayBeRunning(h2, 42, JUST_NOW, NOW)).isEmpty();
    }

    private void checkIn(String node, Instant at, long interval) {
        new JdbcTemplate(pg).update("INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time,"
                + " checkin_interval) VALUES ('patchproof', ?, ?, ?)", node, at.toEpochMilli(), interval);
    }
}

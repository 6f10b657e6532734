package io.patchproof.schedule;

import io.patchproof.store.StoreDialect;
import io.patchproof.store.StoreTables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether a job execution still marked running on a shared store may be run by a live process,
 * so that a manual {@code restart} does not take it over (and run it twice).
 *
 * <p>On the embedded H2 file the store is opened by one process at a time: an execution marked
 * running there was left by a crash. On a server database ({@link StoreDialect#shared()}) another
 * process may be running it. Two signs are asked for, and either refuses the take-over:
 * <ul>
 *   <li>a {@code schedule} node is live: its row in Quartz's {@code QRTZ_SCHEDULER_STATE} was
 *       checked in within twice its check-in interval (Quartz's own test for a dead node, the one
 *       after which a survivor recovers the node's fires);</li>
 *   <li>the execution wrote to the store within {@link #QUIET}: a chunk commit or a step change
 *       (its last update); a manual {@code run} on another machine leaves no check-in row.</li>
 * </ul>
 */
public final class LiveNodes {

    /** How long an execution must have written nothing before a restart may take it over on a shared store. */
    public static final Duration QUIET = Duration.ofMinutes(10);

    private LiveNodes() {
    }

    /**
     * Why the execution may still be running, or empty when a restart may take it over.
     *
     * @param lastUpdated the execution's last update as the job repository keeps it (local time), null if never
     */
    public static Optional<String> mayBeRunning(DataSource store, long executionId, LocalDateTime lastUpdated,
            Instant now) {
        if (!StoreDialect.of(store).shared()) {
            return Optional.empty();
        }
        if (StoreTables.exists(store, "QRTZ_SCHEDULER_STATE")) {
            List<String> live = new JdbcTemplate(store).query("SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL"
                    + " FROM QRTZ_SCHEDULER_STATE", (rs, i) -> {
                        long ago = now.toEpochMilli() - rs.getLong(2);
                        return ago < 2 * rs.getLong(3) ? rs.getString(1) + " (checked in " + Math.max(0, ago / 1000)
                                + " s ago)" : null;
                    }).stream().filter(s -> s != null).toList();
            if (!live.isEmpty()) {
                return Optional.of("run " + executionId + " is marked running and the store is shared: schedule node "
                        + String.join(", ", live) + " is live and may be running it. Stop the schedule nodes on this store"
                        + " first (a node that stopped is recovered by another one), then restart it");
            }
        }
        if (lastUpdated != null) {
            Instant updated = lastUpdated.atZone(ZoneId.systemDefault()).toInstant();
            if (updated.plus(QUIET).isAfter(now)) {
                return Optional.of("run " + executionId + " is marked running and the store is shared: it last wrote to"
                        + " the store at " + updated + ", less than " + QUIET.toMinutes() + " minutes ago, so another process"
                        + " may be running it. Restart it when that process has ended, or from " + updated.plus(QUIET));
            }
        }
        return Optional.empty();
    }
}

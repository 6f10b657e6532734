package io.patchproof.job;

import io.patchproof.reconcile.SiteKind;
import io.patchproof.reconcile.UtcInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The data's own time (design.md, "The as-of date and the data's own time"): a site database
 * holds the current state only, so the rows read speak for the moment of their newest state
 * message or inventory, whatever the as-of date says. Impossible dates never count: the extract
 * read them as unknown ({@link io.patchproof.source.ValueAudit}).
 *
 * <ul>
 *   <li>An as-of date more than {@code patchproof.max-as-of-lag} <em>before</em> the newest data
 *       time is refused ({@link #refusal}): its figures would describe a state the database no
 *       longer holds. An as-of date after it is allowed (a restored archive is read at its own
 *       date) and shown as data freshness.</li>
 *   <li>ClientState is a current flag: it speaks for the as-of date only when the end of that
 *       date lies no more than the lag after the newest state time
 *       ({@link #clientStateCurrent}).</li>
 * </ul>
 *
 * <p>Inventory times are client local and their zone is not confirmed: for the refusal an
 * inventory time counts from the earliest instant it may stand for, so that a site far east of
 * UTC is never refused a date it has not moved past. Immutable.
 *
 * @param schemaProfile        the snapshot's schema profile ({@code configmgr}, {@code sms2003})
 * @param newestStateUtc       the newest state-message time of the compliance rows (UTC), or null
 * @param newestInventoryLocal the newest inventory time (hosts' OS inventory and hardware scan,
 *                             SMS 2003's scan and agent install times; as read), or null
 */
record DataTime(String schemaProfile, LocalDateTime newestStateUtc, LocalDateTime newestInventoryLocal) {

    /** What the extract recorded for a snapshot; a snapshot copied before it kept these has its state times scanned. */
    static DataTime of(RunStore store, long snapshotId) {
        List<DataTime> found = store.jdbc().query("SELECT schema_profile, newest_state_known, newest_state, newest_inventory"
                + " FROM pp_snapshot WHERE snapshot_id = ?", (rs, n) -> new DataTime(rs.getString(1),
                        rs.getBoolean(2) ? rs.getObject(3, LocalDateTime.class) : scanNewestState(store, snapshotId),
                        rs.getObject(4, LocalDateTime.class)), snapshotId);
        if (found.isEmpty()) {
            throw new IllegalStateException("snapshot " + snapshotId + " is not in the local store");
        }
        return found.get(0);
    }

    private static LocalDateTime scanNewestState(RunStore store, long snapshotId) {
        return store.jdbc().queryForObject("SELECT MAX(CASE WHEN enforcementTime IS NULL OR"
                + " lastStatusChangeTime > enforcementTime THEN lastStatusChangeTime ELSE enforcementTime END)"
                + " FROM pp_snap_compliance WHERE snapshot_id = ?", LocalDateTime.class, snapshotId);
    }

    /** SMS 2003 for the sms2003 schema profile, ConfigMgr for every other. */
    SiteKind siteKind() {
        return "sms2003".equalsIgnoreCase(schemaProfile) ? SiteKind.SMS2003 : SiteKind.CONFIGMGR;
    }

    /**
     * Whether the host's current ClientState speaks for the as-of date: the end of that date lies
     * no more than {@code lag} after the newest state time (or, with no state time, the newest
     * inventory time). False when the rows carry no time at all: a flag of unknown age decides
     * nothing.
     */
    boolean clientStateCurrent(LocalDate asOf, Duration lag) {
        LocalDateTime newest = newestStateUtc != null ? newestStateUtc : newestInventoryLocal;
        if (newest == null) {
            return false;
        }
        Instant asOfEnd = asOf.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return !asOfEnd.isAfter(newest.toInstant(ZoneOffset.UTC).plus(lag));
    }

    /**
     * Null when a run as of {@code asOf} may go on; otherwise the one line that refuses it: the
     * as-of date lies more than {@code lag} before the newest data time.
     *
     * @param unknownOffsetWindow how far east of UTC a client clock may be (an inventory time counts
     *                            from its earliest possible instant)
     */
    String refusal(LocalDate asOf, Duration lag, Duration unknownOffsetWindow) {
        Instant state = newestStateUtc == null ? null : newestStateUtc.toInstant(ZoneOffset.UTC);
        Instant inventory = newestInventoryLocal == null ? null
                : UtcInterval.ofInventoryTime(newestInventoryLocal, null, unknownOffsetWindow).earliest();
        boolean byState = state != null && (inventory == null || !state.isBefore(inventory));
        Instant newest = byState ? state : inventory;
        if (newest == null) {
            return null;
        }
        Instant asOfEnd = asOf.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (!asOfEnd.plus(lag).isBefore(newest)) {
            return null;
        }
        LocalDateTime earliestAllowed = LocalDateTime.ofInstant(newest.minus(lag), ZoneOffset.UTC);
        LocalDate firstDate = earliestAllowed.toLocalTime().equals(LocalTime.MIDNIGHT)
                ? earliestAllowed.toLocalDate().minusDays(1) : earliestAllowed.toLocalDate();
        String what = byState ? "a state message of " + text(newestStateUtc) + " UTC"
                : "an inventory of " + text(newestInventoryLocal) + " client local time";
        return "the site database has moved past the as-of date " + asOf + ": its newest data (" + what
                + ") is more than " + text(lag) + " (patchproof.max-as-of-lag) later, and a site database keeps no"
                + " history, so figures as of " + asOf + " would describe a state it no longer holds. Omit"
                + " --patchproof.as-of to report as of today, or give a date on or after " + firstDate;
    }

    private static String text(LocalDateTime t) {
        return t.withSecond(0).withNano(0).toString().replace('T', ' ');
    }

    static String text(Duration d) {
        if (d.isZero()) {
            return "0 days";
        }
        if (!d.isZero() && d.toSeconds() % 86_400 == 0) {
            return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
        }
        if (!d.isZero() && d.toSeconds() % 3_600 == 0) {
            return d.toHours() == 1 ? "1 hour" : d.toHours() + " hours";
        }
        return d.toString();
    }
}

package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.reconcile.RuleSettings;
import io.patchproof.reconcile.SiteKind;
import io.patchproof.testsupport.LocalStore;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The data's own time decides two things: whether an as-of date may be reported at all, and
 * whether the hosts' current ClientState speaks for it; the snapshot's schema decides the kind of
 * site the rules read.
 */
class DataTimeTests {

    static final Duration LAG = Duration.ofDays(7);
    static final Duration WINDOW = Duration.ofHours(14);
    static final LocalDateTime NEWEST_STATE = LocalDateTime.of(2026, 11, 30, 10, 0);

    RunStore store;
    RunContext context;

    @BeforeEach
    void store() {
        store = new RunStore(LocalStore.fresh(), false);
        context = new RunContext(new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("patchproof", PatchproofProperties.class));
    }

    private long snapshot(long id, String schema, Boolean stateKnown, LocalDateTime newestState, LocalDateTime newestInventory) {
        store.jdbc().update("INSERT INTO pp_snapshot (snapshot_id, snapshot_key, job_instance_id, schema_profile, status,"
                + " started_at, newest_state_known, newest_state, newest_inventory) VALUES (?, 'k', 1, ?, 'COMPLETE', ?, ?, ?, ?)",
                id, schema, LocalDateTime.of(2026, 12, 1, 9, 0), stateKnown, newestState, newestInventory);
        return id;
    }

    @Test
    void anSms2003SnapshotIsReadAsAnSms2003SiteAndEveryOtherAsConfigMgr() {
        long sms = snapshot(1, "sms2003", true, LocalDateTime.of(2008, 11, 13, 23, 0), null);
        long cm = snapshot(2, "configmgr", true, NEWEST_STATE, null);

        RuleSettings smsRules = context.rules(store, sms, LocalDate.of(2008, 11, 14));
        RuleSettings cmRules = context.rules(store, cm, LocalDate.of(2026, 11, 30));

        assertThat(smsRules.siteKind()).isEqualTo(SiteKind.SMS2003);
        assertThat(smsRules.clientStateCurrent()).isTrue();
        assertThat(cmRules.siteKind()).isEqualTo(SiteKind.CONFIGMGR);
        assertThat(cmRules.asOf()).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void clientStateSpeaksForAnAsOfDateNoMoreThanTheLagAfterTheNewestState() {
        long id = snapshot(1, "configmgr", true, NEWEST_STATE, LocalDateTime.of(2026, 11, 15, 2, 0));

        // The end of 2026-12-06 is 2026-12-07 00:00, within seven days of 2026-11-30 10:00; 2026-12-07's end is not.
        assertThat(context.rules(store, id, LocalDate.of(2026, 11, 25)).clientStateCurrent()).isTrue();
        assertThat(context.rules(store, id, LocalDate.of(2026, 12, 6)).clientStateCurrent()).isTrue();
        assertThat(context.rules(store, id, LocalDate.of(2026, 12, 7)).clientStateCurrent()).isFalse();
        assertThat(context.rules(store, id, LocalDate.of(2027, 6, 30)).clientStateCurrent()).as("a restored archive").isFalse();
    }

    @Test
    void withoutAnyTimeClientStateDecidesNothingAndWithoutStatesTheInventoryDatesIt() {
        assertThat(new DataTime("configmgr", null, null).clientStateCurrent(LocalDate.of(2026, 11, 30), LAG)).isFalse();
        DataTime inventoryOnly = new DataTime("configmgr", null, LocalDateTime.of(2026, 11, 30, 10, 0));
        assertThat(inventoryOnly.clientStateCurrent(LocalDate.of(2026, 12, 6), LAG)).isTrue();
        assertThat(inventoryOnly.clientStateCurrent(LocalDate.of(2026, 12, 7), LAG)).isFalse();
    }

    @Test
    void aSnapshotCopiedBeforeItsStateTimeWasKeptHasItScanned() {
        long id = snapshot(1, "configmgr", null, null, null);
        store.jdbc().update("INSERT INTO pp_snap_compliance (snapshot_id, seq, resourceId, ciId, status, lastStatusChangeTime,"
                + " enforcementTime) VALUES (1, 1, 7, 100, 3, ?, ?)", LocalDateTime.of(2026, 11, 20, 8, 0), NEWEST_STATE);

        assertThat(DataTime.of(store, id).newestStateUtc()).isEqualTo(NEWEST_STATE);
    }

    @Test
    void theFirstDateTheRefusalOffersIsTheFirstThatRuns() {
        DataTime atTen = new DataTime("configmgr", NEWEST_STATE, null);
        assertThat(atTen.refusal(LocalDate.of(2026, 11, 22), LAG, WINDOW)).contains("on or after 2026-11-23");
        assertThat(atTen.refusal(LocalDate.of(2026, 11, 23), LAG, WINDOW)).isNull();
        assertThat(atTen.refusal(LocalDate.of(2031, 1, 1), LAG, WINDOW)).as("far after: a restored archive").isNull();

        DataTime atMidnight = new DataTime("configmgr", LocalDateTime.of(2026, 11, 30, 0, 0), null);
        assertThat(atMidnight.refusal(LocalDate.of(2026, 11, 21), LAG, WINDOW)).contains("on or after 2026-11-22");
        assertThat(atMidnight.refusal(LocalDate.of(2026, 11, 22), LAG, WINDOW)).isNull();

        assertThat(new DataTime("configmgr", null, null).refusal(LocalDate.of(2000, 1, 1), LAG, WINDOW)).isNull();
    }

    @Test
    void theRefusalNamesTheNewestDataAndTheSetting() {
        DataTime both = new DataTime("configmgr", LocalDateTime.of(2026, 11, 20, 10, 0), LocalDateTime.of(2026, 11, 30, 10, 0));

        assertThat(both.refusal(LocalDate.of(2026, 11, 1), Duration.ofDays(1), WINDOW))
                .startsWith("the site database has moved past the as-of date 2026-11-01: its newest data (an inventory of"
                        + " 2026-11-30 10:00 client local time) is more than 1 day (patchproof.max-as-of-lag) later")
                .endsWith("give a date on or after 2026-11-28");
    }
}

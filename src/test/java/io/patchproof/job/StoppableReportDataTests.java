package io.patchproof.job;

import static io.patchproof.testsupport.FindingBuilders.aNotInEffectFinding;
import static io.patchproof.testsupport.ReportDataBuilder.aReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.Verdict;
import io.patchproof.report.ForwardingReportData;
import io.patchproof.report.ReportData;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A stop reaches a pass over the findings while it streams, within
 * {@value StoppableReportData#CHECK_EVERY} findings, and holds for every later call, whichever
 * thread makes it.
 */
class StoppableReportDataTests {

    static final long MANY = 1_000_000;

    /** Report data whose passes stream a million findings. */
    static ReportData longPasses() {
        Finding finding = aNotInEffectFinding().build();
        return new ForwardingReportData(aReport().build()) {
            @Override
            public void forEachFinding(Verdict verdict, Consumer<Finding> sink) {
                forEachFindingInScope(sink);
            }

            @Override
            public void forEachFindingInScope(Consumer<Finding> sink) {
                for (long i = 0; i < MANY; i++) {
                    sink.accept(finding);
                }
            }
        };
    }

    @Test
    void aStopRequestedDuringAPassEndsItWithinAThousandFindingsAndEveryLaterCall() {
        AtomicBoolean requested = new AtomicBoolean();
        StoppableReportData data = new StoppableReportData(longPasses(), () -> requested.getAndSet(false));
        AtomicLong seen = new AtomicLong();

        assertThatThrownBy(() -> data.forEachFindingInScope(f -> {
            if (seen.incrementAndGet() == 2_500) {
                requested.set(true);
            }
        })).isInstanceOf(StoppableReportData.Stopped.class);

        assertThat(seen.get()).as("findings streamed after the request").isBetween(2_500L, 2_500L + StoppableReportData.CHECK_EVERY);
        assertThat(requested.get()).as("the request was taken once").isFalse();
        assertThatThrownBy(() -> data.forEachFinding(Verdict.MISSING, f -> { })).isInstanceOf(StoppableReportData.Stopped.class);
        assertThatThrownBy(data::metrics).as("the stop holds").isInstanceOf(StoppableReportData.Stopped.class);
    }

    @Test
    void withoutAStopEveryFindingPasses() {
        StoppableReportData data = new StoppableReportData(longPasses(), () -> false);
        AtomicLong seen = new AtomicLong();

        data.forEachFinding(Verdict.NOT_IN_EFFECT, f -> seen.incrementAndGet());

        assertThat(seen.get()).isEqualTo(MANY);
    }
}

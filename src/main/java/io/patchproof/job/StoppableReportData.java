package io.patchproof.job;

import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.Verdict;
import io.patchproof.report.DataQualityEntry;
import io.patchproof.report.ForwardingReportData;
import io.patchproof.report.ReportData;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The report data, checking for a stop when a sheet or the CSV asks for its findings and every
 * {@value #CHECK_EVERY} findings while they stream, on whichever thread reads them (the CSV
 * and the workbook are written at the same time): a stop then ends both within a moment, not
 * after a pass over millions of findings. Once seen, the stop holds for every later check.
 */
final class StoppableReportData extends ForwardingReportData {

    static final int CHECK_EVERY = 1_000;

    private final BooleanSupplier stopRequested;
    private volatile boolean stopped;

    private final LongConsumer streamed;

    StoppableReportData(ReportData data, BooleanSupplier stopRequested) {
        this(data, stopRequested, n -> { });
    }

    /** As above, telling {@code streamed} of every {@value #CHECK_EVERY} findings handed to a writer (the run's progress). */
    StoppableReportData(ReportData data, BooleanSupplier stopRequested, LongConsumer streamed) {
        super(data);
        this.stopRequested = stopRequested;
        this.streamed = streamed;
    }

    private void check() {
        if (stopped || stopRequested.getAsBoolean()) {
            stopped = true;
            throw new Stopped();
        }
    }

    private Consumer<Finding> checking(Consumer<Finding> sink) {
        int[] n = {0};
        return f -> {
            if (++n[0] % CHECK_EVERY == 0) {
                check();
                streamed.accept(CHECK_EVERY);
            }
            sink.accept(f);
        };
    }

    @Override
    public void forEachFinding(Verdict verdict, Consumer<Finding> sink) {
        check();
        super.forEachFinding(verdict, checking(sink));
    }

    @Override
    public void forEachFindingInScope(Consumer<Finding> sink) {
        check();
        super.forEachFindingInScope(checking(sink));
    }

    @Override
    public Metrics metrics() {
        check();
        return super.metrics();
    }

    @Override
    public List<DataQualityEntry> dataQuality() {
        check();
        return super.dataQuality();
    }

    /** Thrown out of the writers when a stop was requested; the publisher then deletes its temporary files. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stop requested", null, false, false);
        }
    }
}

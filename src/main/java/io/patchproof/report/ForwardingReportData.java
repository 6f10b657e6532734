package io.patchproof.report;

import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.Verdict;
import java.util.List;
import java.util.function.Consumer;

/**
 * Report data that hands every call on to other report data: a wrapper overrides only what it
 * changes (checking for a stop, abandoning a pass, injecting a fault in a test).
 */
public abstract class ForwardingReportData implements ReportData {

    private final ReportData delegate;

    protected ForwardingReportData(ReportData delegate) {
        this.delegate = delegate;
    }

    @Override
    public RunDescription run() {
        return delegate.run();
    }

    @Override
    public Metrics metrics() {
        return delegate.metrics();
    }

    @Override
    public void forEachFinding(Verdict verdict, Consumer<Finding> sink) {
        delegate.forEachFinding(verdict, sink);
    }

    @Override
    public void forEachFindingInScope(Consumer<Finding> sink) {
        delegate.forEachFindingInScope(sink);
    }

    @Override
    public List<DataQualityEntry> dataQuality() {
        return delegate.dataQuality();
    }

    @Override
    public WindowData windows() {
        return delegate.windows();
    }

    @Override
    public FirstSeen firstSeen() {
        return delegate.firstSeen();
    }

    @Override
    public CioHistory history() {
        return delegate.history();
    }

    @Override
    public io.patchproof.exceptions.ExceptionsRead exceptions() {
        return delegate.exceptions();
    }
}

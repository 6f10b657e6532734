package io.patchproof.report;

import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.Verdict;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a report is rendered from. Findings are streamed from the local store (never held in
 * memory); metrics, hosts and data-quality entries are small enough to hold.
 */
public interface ReportData {

    RunDescription run();

    Metrics metrics();

    /**
     * The findings of one of the two verdicts the workbook lists one by one, in the order its sheet
     * lists them, current updates before superseded ones: NOT_IN_EFFECT by exposure days
     * descending then host and article; MISSING by severity descending, exposure descending, host,
     * article. Other verdicts are counted, not listed: an implementation may refuse them
     * ({@link IllegalArgumentException}). May be called several times.
     */
    void forEachFinding(Verdict verdict, Consumer<Finding> sink);

    /**
     * Every in-scope finding (verdict other than OUT_OF_SCOPE) in snapshot order: the order in
     * which the site database returned the compliance rows, fixed by the snapshot, so that a run
     * and its restart, serial or partitioned, write the same file. (Not sorted by host: sorting
     * every finding cost more than writing the file.)
     */
    void forEachFindingInScope(Consumer<Finding> sink);

    /** Data-quality lines, by category then host. */
    List<DataQualityEntry> dataQuality();

    /** The snapshot's maintenance windows and collection names; none by default. */
    default WindowData windows() {
        return WindowData.NONE;
    }

    /** The kept history the CIO report charts; none by default. */
    default CioHistory history() {
        return CioHistory.NONE;
    }

    /** First-seen dates of pairs not in effect, from earlier runs; none by default. */
    default FirstSeen firstSeen() {
        return FirstSeen.NONE;
    }

    /** The exceptions register as the run read it, with what each line covered; none by default. */
    default io.patchproof.exceptions.ExceptionsRead exceptions() {
        return io.patchproof.exceptions.ExceptionsRead.NONE;
    }
}

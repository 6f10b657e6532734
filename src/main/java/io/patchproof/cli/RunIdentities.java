package io.patchproof.cli;

import io.patchproof.job.ReconciliationJobConfiguration;
import io.patchproof.job.RunParameters;
import io.patchproof.job.RunRequest;
import io.patchproof.job.RunSite;
import io.patchproof.job.RunStore;
import io.patchproof.source.SourceDescription;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Run identities in the job repository: the job instance of an identity, the next rerun number,
 * and the runs of earlier versions, whose identity had no site ({@link RunParameters#legacyIdentity}).
 *
 * <p>What this version does with those: a completed one of the same source (the server and
 * database its snapshot was read from) is the same run, refused (exit 4) unless {@code --rerun};
 * a rerun's number continues after theirs, so its files are new; an unfinished one is not resumed
 * (it may not even have read its source yet, so which site it was is unknown) and is named when
 * {@code restart} or {@code run} meets it.
 */
final class RunIdentities {

    private final JobRepository jobRepository;
    private final RunStore store;

    RunIdentities(JobRepository jobRepository, RunStore store) {
        this.jobRepository = jobRepository;
        this.store = store;
    }

    JobInstance instance(RunRequest request, RunSite site, String schema, long rerun) {
        return jobRepository.getJobInstance(ReconciliationJobConfiguration.JOB_NAME,
                RunParameters.identity(site, request.asOf(), request.profile(), schema, request.scopeKey(), rerun,
                        request.demo()));
    }

    /** The run of an earlier version with this as-of date, profile, schema, scope and rerun number, if any. */
    JobInstance legacyInstance(RunRequest request, String schema, long rerun) {
        return jobRepository.getJobInstance(ReconciliationJobConfiguration.JOB_NAME,
                RunParameters.legacyIdentity(request.asOf(), request.profile(), schema, request.scopeKey(), rerun));
    }

    /** The first rerun number that neither this site's runs nor an earlier version's runs of the same identity have taken. */
    long nextRerun(RunRequest request, RunSite site, String schema) {
        long k = 0;
        while (instance(request, site, schema, k) != null || legacyInstance(request, schema, k) != null) {
            k++;
        }
        return k;
    }

    /**
     * True when an earlier version's run read this source: its snapshot's server and database are
     * the source's. A run without a snapshot cannot tell, and counts as the same.
     */
    boolean sameSource(JobInstance legacy, SourceDescription source) {
        List<Map<String, Object>> rows = store.jdbc().queryForList("SELECT s.source_server, s.source_database FROM pp_run r"
                + " JOIN pp_snapshot s ON s.snapshot_id = r.snapshot_id WHERE r.job_instance_id = ?", legacy.getInstanceId());
        if (rows.isEmpty()) {
            return true;
        }
        Object server = rows.get(0).get("source_server");
        Object database = rows.get(0).get("source_database");
        return same(server, source.server()) && same(database, source.database());
    }

    private static boolean same(Object recorded, String now) {
        return recorded == null ? now == null : now != null && recorded.toString().equalsIgnoreCase(now);
    }
}

package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

class StopRequestsTests {

    private static JobExecution aStartingExecution() {
        JobExecution execution = new JobExecution(7, new JobInstance(3, ReconciliationJobConfiguration.JOB_NAME),
                new JobParameters());
        execution.setStatus(BatchStatus.STARTING);
        return execution;
    }

    @Test
    void aStopRequestedBeforeTheRunBeganEndsItBeforeItsFirstStep() {
        StopRequests stops = new StopRequests(() -> null, null);
        stops.request();

        JobExecution execution = aStartingExecution();
        stops.beforeJob(execution);

        assertThat(stops.requested()).isTrue();
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPING);
    }

    @Test
    void withoutARequestTheRunIsLeftAlone() {
        StopRequests stops = new StopRequests(() -> null, null);
        JobExecution execution = aStartingExecution();
        stops.beforeJob(execution);
        stops.afterJob(execution);

        assertThat(stops.requested()).isFalse();
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.STARTING);
    }
}

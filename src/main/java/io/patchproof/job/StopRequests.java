package io.patchproof.job;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.ListableStepLocator;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Asks the run this process executes to stop (SIGTERM, see the command line). The execution is
 * marked STOPPING in the job repository; the reconcile step reads that status when it commits its
 * next chunk and stops there, and the extract and publish tasklets are told directly
 * ({@link StoppableTasklet#stop(StepExecution)}) and stop between two tables or two sheets. The
 * execution then ends STOPPED and {@code restart} resumes it from its last commit.
 *
 * <p>This is what {@code JobOperator.stop} does, less two things that break a restart when the stop
 * comes from another thread of the process running the step (Spring Batch 6.0.6): it registers the
 * step execution with {@code StepSynchronizationManager} and releases it, which closes the running
 * step's step-scoped reader, so that the next commit saves read position 0 and a restart reads
 * (and writes) everything again; and it writes the running step's row itself, racing the step's own
 * commits (spring-batch#5308). Here the step alone writes its row.
 *
 * <p>The stop works on a copy of the execution read from the job repository, never on the object
 * the running step updates. A request that arrives before the job has created its execution is
 * remembered: the job then ends STOPPED before its first step.
 *
 * <p>Thread-safe: {@link #request} runs on a shutdown-hook thread while the job runs on another.
 */
public class StopRequests implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StopRequests.class);
    private static final int ATTEMPTS = 5;

    private final Supplier<Job> job;
    private final JobRepository jobRepository;
    private volatile boolean requested;
    private volatile Long running;

    /**
     * @param job looked up when a stop is requested (the job itself listens to these requests)
     */
    public StopRequests(Supplier<Job> job, JobRepository jobRepository) {
        this.job = job;
        this.jobRepository = jobRepository;
    }

    /** Stops the running execution at its next chunk, table or sheet; remembered when none runs yet. */
    public void request() {
        requested = true;
        Long id = running;
        if (id == null) {
            log.info("stop requested before a run started");
            return;
        }
        JobExecution copy = markStopping(id);
        if (copy == null) {
            return;
        }
        log.info("stop requested: run {} stops at its next commit", id);
        if (job.get() instanceof StepLocator steps) {
            for (StepExecution stepExecution : copy.getStepExecutions()) {
                if (stepExecution.getStatus().isRunning()) {
                    Step step = steps.getStep(stepExecution.getStepName());
                    if (step instanceof TaskletStep taskletStep && taskletStep.getTasklet() instanceof StoppableTasklet tasklet) {
                        tasklet.stop(stepExecution);
                    }
                }
            }
        }
    }

    /** Marks the execution STOPPING; the running step may update it meanwhile, so a lost race is retried. */
    private JobExecution markStopping(long id) {
        for (int attempt = 1; ; attempt++) {
            JobExecution copy = jobRepository.getJobExecution(id);
            if (copy == null || !(copy.getStatus() == BatchStatus.STARTING || copy.getStatus() == BatchStatus.STARTED)) {
                return null;
            }
            copy.setStatus(BatchStatus.STOPPING);
            try {
                jobRepository.update(copy);
                return copy;
            } catch (OptimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** True once a stop was requested in this process. */
    public boolean requested() {
        return requested;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        running = jobExecution.getId();
        if (requested) {
            // Requested while the execution was being created: end STOPPED before the first step.
            jobExecution.setStatus(BatchStatus.STOPPING);
        }
    }

    /**
     * A stop that came after the last step had recorded its completion changes nothing the run
     * did: its files are published and its history kept. Spring Batch would still end the execution
     * STOPPED (the stop request marked it STOPPING); it ends COMPLETED, as it did.
     */
    @Override
    public void afterJob(JobExecution jobExecution) {
        running = null;
        BatchStatus status = jobExecution.getStatus();
        if ((status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) && lastStepCompleted(jobExecution)) {
            log.info("run {}: the stop came after its last step completed; the run is complete", jobExecution.getId());
            jobExecution.setStatus(BatchStatus.COMPLETED);
            jobExecution.setExitStatus(ExitStatus.COMPLETED);
        }
    }

    /** True when this execution ran the job's last step and that step completed. */
    private boolean lastStepCompleted(JobExecution jobExecution) {
        if (!(job.get() instanceof ListableStepLocator steps) || steps.getStepNames().isEmpty()) {
            return false;
        }
        String last = null;
        for (String name : steps.getStepNames()) {
            last = name;
        }
        String lastStep = last;
        return jobExecution.getStepExecutions().stream()
                .anyMatch(s -> s.getStepName().equals(lastStep) && s.getStatus() == BatchStatus.COMPLETED);
    }
}

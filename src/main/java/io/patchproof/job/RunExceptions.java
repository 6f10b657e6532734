package io.patchproof.job;

import io.patchproof.exceptions.ExceptionMatcher;
import io.patchproof.exceptions.ExceptionsFileException;
import io.patchproof.exceptions.ExceptionsRegister;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exceptions register of a run: which file this process reads, and the copy kept with the run.
 *
 * <p>Restart and re-render behaviour: the register is read when a run is requested (a bad one is
 * refused before anything starts, {@link RunRequest#from}) and again by the first step that works out
 * findings, which keeps its text and SHA-256 with the run ({@code pp_run_exceptions}) and records the
 * SHA-256 among the run's finding settings ({@link FindingSettings}). Every later step, a restart and
 * the {@code report} command work from the kept copy; a {@code restart} whose register file differs
 * from the kept one is refused (exit 2, naming {@value ExceptionsRegister#PROPERTY}), because one
 * report must rest on one register. The {@code report} command never reads the file.
 */
public final class RunExceptions {

    private static final Logger log = LoggerFactory.getLogger(RunExceptions.class);

    /** The demo's own register: never {@code config/exceptions.csv}, so a real run never picks up demo exceptions. */
    public static final String DEMO_LOCATION = "classpath:demo/exceptions.csv";

    /**
     * The SMS 2003 demo's register, of its own time (approved and expiring around its as-of date in
     * November 2008, naming its hosts and bulletins): the current demo's register would be "not yet
     * approved" on every line there.
     */
    public static final String SMS2003_DEMO_LOCATION = "classpath:demo/exceptions-sms2003.csv";

    private RunExceptions() {
    }

    /**
     * The register file this process reads for a run ({@code demo}: the demo's of its schema, unless
     * one is configured).
     */
    static String location(PatchproofProperties properties, boolean demo) {
        String configured = configured(properties);
        if (configured != null) {
            return configured;
        }
        if (!demo) {
            return ExceptionsRegister.DEFAULT_LOCATION;
        }
        PatchproofProperties.Demo d = properties.demo();
        boolean sms2003 = d != null && d.schema() != null && d.schema().trim().equalsIgnoreCase("sms2003");
        return sms2003 ? SMS2003_DEMO_LOCATION : DEMO_LOCATION;
    }

    private static String configured(PatchproofProperties properties) {
        PatchproofProperties.Exceptions e = properties.exceptions();
        return e == null || e.file() == null || e.file().isBlank() ? null : e.file().trim();
    }

    /**
     * Reads this process's register for a run.
     *
     * @throws UsageException when the file is bad, or configured and missing (exit 2, nothing run)
     */
    static ExceptionsRegister load(PatchproofProperties properties, boolean demo) {
        try {
            return ExceptionsRegister.load(location(properties, demo), configured(properties) != null || demo);
        } catch (ExceptionsFileException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /**
     * Reads this process's register for a run now, so that a bad one is refused (exit 2, every bad
     * line named) before anything starts.
     */
    public static void check(PatchproofProperties properties, boolean demo) {
        load(properties, demo);
    }

    /**
     * Refuses a restart whose register file differs from the one kept with the run: one report
     * rests on one register. A run that kept none yet (stopped before its extract) takes the file
     * as it is now.
     */
    public static void checkKept(RunStore store, long jobInstanceId, PatchproofProperties properties, boolean demo) {
        ExceptionsRegister kept = store.keptExceptions(jobInstanceId);
        if (kept == null) {
            check(properties, demo);
            return;
        }
        ExceptionsRegister now;
        try {
            now = ExceptionsRegister.load(location(properties, demo), configured(properties) != null || demo);
        } catch (ExceptionsFileException e) {
            now = null;
        }
        if (now == null || !java.util.Objects.equals(now.sha256(), kept.sha256())) {
            throw new UsageException(ExceptionsRegister.PROPERTY + ": the exceptions register changed since job instance "
                    + jobInstanceId + " began: it was read as " + setting(kept) + ", and " + location(properties, demo)
                    + " is " + (now == null ? "unreadable or invalid" : setting(now)) + " now. One report rests on one"
                    + " register: put the register the run began with back to resume it with `restart`, or start"
                    + " afresh with `run --rerun`, which reads the register as it is now");
        }
    }

    /** The finding-settings entry of a register: its file name and SHA-256, or that there is none. */
    static String setting(ExceptionsRegister register) {
        return register.present() ? register.fileName() + " sha256:" + register.sha256()
                : "none (" + register.fileName() + " absent)";
    }

    /**
     * Keeps this process's register (read only when needed) with the run unless one is kept already; returns the kept one.
     * The first step that works out findings calls it, after the finding settings were checked.
     */
    static ExceptionsRegister keep(RunStore store, long jobInstanceId, java.util.function.Supplier<ExceptionsRegister> read) {
        ExceptionsRegister kept = store.keptExceptions(jobInstanceId);
        if (kept != null) {
            return kept;
        }
        ExceptionsRegister register = read.get();
        store.keepExceptions(jobInstanceId, register);
        if (register.present()) {
            log.info("exceptions: {} ({} lines, sha256 {}) kept with the run", register.file(), register.lines().size(),
                    register.sha256());
        } else {
            log.info("exceptions: no register ({} is absent): no pair is EXEMPT", register.file());
        }
        return register;
    }

    /** The register kept with a run; no register for a run kept before registers were. */
    static ExceptionsRegister kept(RunStore store, long jobInstanceId) {
        ExceptionsRegister kept = store.keptExceptions(jobInstanceId);
        return kept == null ? ExceptionsRegister.absent(ExceptionsRegister.DEFAULT_LOCATION) : kept;
    }

    /** Rule 2 of a run over its snapshot: the register's lines on the as-of date, collections as the snapshot read them. */
    static ExceptionMatcher matcher(RunStore store, long snapshotId, ExceptionsRegister register, LocalDate asOf) {
        Map<String, Set<Integer>> members = register.collectionIds().isEmpty() ? Map.of()
                : store.registerMembers(snapshotId);
        ExceptionMatcher matcher = new ExceptionMatcher(register, asOf, members);
        for (String id : matcher.unknownCollections()) {
            log.warn("exceptions: {} names collection {}, which the site database does not have: its lines match"
                    + " nothing", register.file(), id);
        }
        return matcher;
    }
}

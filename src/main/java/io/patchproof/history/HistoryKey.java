package io.patchproof.history;

import java.util.Objects;

/**
 * What a trend and its first-seen dates are kept for: the run identity without its as-of date,
 * report profile and rerun number. One point per key and as-of date is kept, whichever report
 * profile made it.
 *
 * @param site          the run's site ({@code RunSite.key()}: a site code, or {@code server/database});
 *                      {@code demo:<site>} for the demo's own runs, so that a demo never mixes with
 *                      a real site of the same code; {@link #UNKNOWN_SITE} for runs kept by
 *                      releases before the site was part of the run identity
 * @param schemaProfile {@code configmgr} or {@code sms2003}
 * @param scopeKey      the run's scope key ({@code ""}: all systems)
 */
public record HistoryKey(String site, String schemaProfile, String scopeKey) {

    /** The site of runs kept before the site was part of the run identity. */
    public static final String UNKNOWN_SITE = "";

    static final String DEMO_PREFIX = "demo:";

    public HistoryKey {
        Objects.requireNonNull(site, "site (use HistoryKey.UNKNOWN_SITE for runs kept without one)");
        Objects.requireNonNull(schemaProfile, "schemaProfile");
        Objects.requireNonNull(scopeKey, "scopeKey (\"\" for all systems)");
        if (schemaProfile.isBlank()) {
            throw new IllegalArgumentException("a history key's schema profile must not be empty");
        }
    }

    /**
     * The key of a run: its site key ({@code null} for a run of a release before the site was
     * part of the identity), whether it is a demo run, its schema profile and scope key.
     */
    public static HistoryKey forRun(String siteKey, boolean demo, String schemaProfile, String scopeKey) {
        String site = siteKey == null || siteKey.isEmpty() ? UNKNOWN_SITE : siteKey;
        return new HistoryKey(demo ? DEMO_PREFIX + site : site, schemaProfile, scopeKey == null ? "" : scopeKey);
    }
}

package io.patchproof.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code patchproof.*} property. Defaults live here so that the jar works from any
 * directory; {@code config/application.yml} documents and overrides them. Ranges are constraints
 * here ({@code @Validated}: the command line binds and checks them before anything is opened, and
 * a value out of range is refused with its name, value and where it was given); the checks that
 * need more than one value are made by {@link RunRequest#from} before a run starts.
 *
 * @param asOf       the report date; null = today (the demo: its own date)
 * @param rerun      run an identity again after it completed, writing suffixed files
 * @param failUnder  exit 3 when effective compliance (percent) is below this
 * @param maxAsOfLag how far the as-of date may lie before the newest data time in the rows read
 *                   (the site database keeps current state only); also how close it must be for
 *                   the current ClientState flags to speak for it
 */
@ConfigurationProperties("patchproof")
@Validated
public record PatchproofProperties(
        @DefaultValue @Valid Source source,
        @DefaultValue Report report,
        LocalDate asOf,
        @DefaultValue Output output,
        @DefaultValue Scope scope,
        @DefaultValue Demo demo,
        @DefaultValue @Valid Rules rules,
        @DefaultValue("false") boolean rerun,
        @DecimalMin(value = "0", message = "must be a percentage from 0 to 100")
        @DecimalMax(value = "100", message = "must be a percentage from 0 to 100") Double failUnder,
        @DefaultValue("7d") Duration maxAsOfLag,
        @DefaultValue Exceptions exceptions) {

    /**
     * The exceptions register (rule 2).
     *
     * @param file the register's location ({@code file:}, {@code classpath:} or a path relative to
     *             the working folder); null = {@code config/exceptions.csv}, which may be absent (no
     *             register). A file configured here must exist. The demo uses its own register
     *             unless this is given.
     */
    public record Exceptions(String file) {
    }

    /**
     * The site database.
     *
     * @param sms2003  how the sms2003 profile's state names and AgentInstallDate are read
     * @param retry    how often and how patiently a query of the extract is tried again after a
     *                 transient failure (deadlock victim, lock time-out, connection reset)
     */
    public record Source(
            String url,
            String username,
            String password,
            @DefaultValue("auto") String schema,
            @DefaultValue("1000") @Min(value = 1, message = "must be at least 1 (default 1000)") int fetchSize,
            @DefaultValue("15s") Duration loginTimeout,
            @DefaultValue("30m") Duration queryTimeout,
            @DefaultValue("10m") Duration socketTimeout,
            @DefaultValue("false") boolean useProductType,
            @DefaultValue Sms2003 sms2003,
            @DefaultValue @Valid Retry retry) {

        /**
         * SMS 2003 (ITMU) specifics, applied when compliance rows are read for reconciliation.
         *
         * @param stateNames            LastStateName → installed | pending-restart | required | failed |
         *                              not-applicable, added to the built-in names (StateNames.DEFAULTS);
         *                              a name with spaces is written {@code "[Install Verified]"} in YAML
         * @param agentInstallDateZone  local (client local time, converted with the host's offset) or utc
         * @param preferredScanAgents   ScanAgent patterns ({@code *}, {@code ?}) of the tool whose row
         *                              answers for a host and bulletin when several scan tools report it
         *                              (the Inventory Tool for Microsoft Updates); other tools' rows
         *                              are counted under Data quality
         * @param bulletinSeverity      bulletin → maximum severity rating file (CSV:
         *                              {@code bulletin_id,severity}); SMS 2003 keeps no severity
         */
        public record Sms2003(Map<String, String> stateNames, @DefaultValue("local") String agentInstallDateZone,
                @DefaultValue("*Microsoft Updates*") List<String> preferredScanAgents,
                @DefaultValue("classpath:config/bulletin-severity.csv") String bulletinSeverity) {
        }

        @Override
        public String toString() {
            return "Source[url=" + (url == null ? null : io.patchproof.source.SourceSettings.maskSecrets(url)) + ", username=" + username + ", password=" + (password == null ? "none" : "****")
                    + ", schema=" + schema + "]";
        }
    }

    /**
     * @param attempts how many times in all an extract query is tried (1 = no retry)
     * @param backoff  the pause before the first retry; it doubles before each further one
     */
    public record Retry(@DefaultValue("3") @Min(value = 1, message = "must be at least 1 (default 3; 1 = no retry)") int attempts,
            @DefaultValue("2s") Duration backoff) {
    }

    /**
     * @param profile   monthly, cio or audit
     * @param template  template location; empty = classpath:reports/templates/&lt;profile&gt;.xlsx
     * @param site      the {@code report} command: the site (site code, or server/database) of the
     *                  completed run to render, where the local store holds runs of several sites
     *                  for the as-of date; empty = the only one
     */
    public record Report(@DefaultValue("monthly") String profile, String template, String site) {
    }

    public record Output(@DefaultValue("reports/out") Path dir) {
    }

    /**
     * @param collection   CollectionID
     * @param article      KB numbers, comma-separated
     * @param bulletin     bulletin IDs, comma-separated
     * @param hosts        host name pattern with * and ?
     * @param minSeverity  low, moderate, important or critical
     * @param serversOnly  servers only
     */
    public record Scope(String collection, String article, String bulletin, String hosts, String minSeverity,
            @DefaultValue("false") boolean serversOnly) {
    }

    /**
     * @param hosts   number of hosts of the generated demo site database
     * @param schema  configmgr or sms2003
     * @param seed    generator seed: same seed, same data, same workbook
     * @param dir     where demo databases are built and reused
     */
    public record Demo(@DefaultValue("8450") int hosts, @DefaultValue("configmgr") String schema,
            @DefaultValue("20081023") long seed, @DefaultValue("data/demo") Path dir) {
    }

    /** The verdict rules' settings (see RuleSettings). */
    public record Rules(
            @DefaultValue("2h") Duration enforcementMargin,
            @DefaultValue("14h") Duration unknownOffsetWindow,
            @DefaultValue("30d") Duration inventoryStaleAfter,
            @DefaultValue({"Security Updates", "Critical Updates", "Update Rollups"}) List<String> rebootClassifications,
            @DefaultValue({}) List<String> rebootProducts,
            @DefaultValue("*Cumulative Update for Windows*") List<String> rebootTitles,
            @DefaultValue("false") boolean supersededInHeadline,
            @DefaultValue("pci-dss") String sla,
            @DefaultValue("0") @Min(value = 0, message = "must be 0 (one per processor where it pays) or more") int partitions,
            @DefaultValue("2000") @Min(value = 1, message = "must be at least 1 (default 2000)") int chunkSize,
            @DefaultValue("1h") Duration dstMargin,
            @DefaultValue("30d") Duration scanStaleAfter) {
    }
}

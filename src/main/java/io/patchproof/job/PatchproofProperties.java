package io.patchproof.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code patchproof.*} property. Defaults live here so that the jar works from any
 * directory; {@code config/application.yml} documents and overrides them. Values are checked by
 * {@link RunRequest#from} before a run starts, with messages that name the property.
 *
 * @param asOf       the report date; null = today (the demo: its own date)
 * @param rerun      run an identity again after it completed, writing suffixed files
 * @param failUnder  exit 3 when effective compliance (percent) is below this
 */
@ConfigurationProperties("patchproof")
public record PatchproofProperties(
        @DefaultValue Source source,
        @DefaultValue Report report,
        LocalDate asOf,
        @DefaultValue Output output,
        @DefaultValue Scope scope,
        @DefaultValue Demo demo,
        @DefaultValue Rules rules,
        @DefaultValue("false") boolean rerun,
        Double failUnder) {

    /** The site database. */
    public record Source(
            String url,
            String username,
            String password,
            @DefaultValue("auto") String schema,
            @DefaultValue("1000") int fetchSize,
            @DefaultValue("15s") Duration loginTimeout,
            @DefaultValue("30m") Duration queryTimeout,
            @DefaultValue("10m") Duration socketTimeout,
            @DefaultValue("false") boolean useProductType) {

        @Override
        public String toString() {
            return "Source[url=" + url + ", username=" + username + ", password=" + (password == null ? "none" : "****")
                    + ", schema=" + schema + "]";
        }
    }

    /**
     * @param profile   monthly, cio or audit
     * @param template  template location; empty = classpath:reports/templates/&lt;profile&gt;.xlsx
     */
    public record Report(@DefaultValue("monthly") String profile, String template) {
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
     * @param schema  configmgr (sms2003 arrives with its own issue)
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
            @DefaultValue("0") int partitions,
            @DefaultValue("2000") int chunkSize) {
    }
}

package io.patchproof.job;

import io.patchproof.reconcile.RuleSettings;
import java.time.LocalDate;

/**
 * Settings a step needs that are not job parameters: the rules as configured now. A restart
 * applies the rules of the restarting process; the manifest records the settings used.
 */
public class RunContext {

    private final PatchproofProperties properties;

    RunContext(PatchproofProperties properties) {
        this.properties = properties;
    }

    /**
     * The rules of a run over one snapshot: as configured, for the snapshot's kind of site, with
     * ClientState counted only where the as-of date is close enough to the data's own time
     * ({@link DataTime}). The reconcile and the publish step both take theirs from here, so that
     * both work out the same finding from the same row.
     */
    RuleSettings rules(LocalDate asOf, DataTime data) {
        PatchproofProperties.Rules r = properties.rules();
        return new RuleSettings(asOf, r.enforcementMargin(), r.unknownOffsetWindow(), r.inventoryStaleAfter(),
                r.rebootClassifications(), r.rebootProducts(), r.rebootTitles(), r.supersededInHeadline(),
                SlaPresets.preset(r.sla()), r.dstMargin(), r.scanStaleAfter(), data.siteKind(),
                data.clientStateCurrent(asOf, properties.maxAsOfLag()));
    }

    /** The rules of a run over the snapshot {@code snapshotId} of the local store. */
    public RuleSettings rules(RunStore store, long snapshotId, LocalDate asOf) {
        return rules(asOf, DataTime.of(store, snapshotId));
    }

    public PatchproofProperties properties() {
        return properties;
    }
}

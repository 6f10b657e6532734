package io.patchproof.job;

import io.patchproof.reconcile.RuleSettings;
import io.patchproof.reconcile.SiteKind;
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

    public RuleSettings rules(LocalDate asOf) {
        PatchproofProperties.Rules r = properties.rules();
        return new RuleSettings(asOf, r.enforcementMargin(), r.unknownOffsetWindow(), r.inventoryStaleAfter(),
                r.rebootClassifications(), r.rebootProducts(), r.rebootTitles(), r.supersededInHeadline(),
                SlaPresets.preset(r.sla()), r.dstMargin(), r.scanStaleAfter(), SiteKind.CONFIGMGR, true);
    }

    public PatchproofProperties properties() {
        return properties;
    }
}

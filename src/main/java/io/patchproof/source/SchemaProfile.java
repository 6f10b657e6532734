package io.patchproof.source;

import java.util.Locale;

/**
 * Which generation of the site database the SQL files are written for. Extract, reconcile and
 * publish do not know which one produced the rows: each profile maps its views onto the same
 * snapshot columns.
 */
public enum SchemaProfile {
    /** ConfigMgr current branch (and 2007/2012): v_UpdateComplianceStatus. */
    CONFIGMGR("configmgr", "v_UpdateComplianceStatus"),
    /** SMS 2003 with the Inventory Tool for Microsoft Updates: v_GS_PatchStatusEx. */
    SMS2003("sms2003", "v_GS_PatchStatusEx");

    private final String id;
    private final String probeView;

    SchemaProfile(String id, String probeView) {
        this.id = id;
        this.probeView = probeView;
    }

    /** The name used in properties, SQL folders and file names. */
    public String id() {
        return id;
    }

    /** The view whose presence identifies this profile. */
    public String probeView() {
        return probeView;
    }

    /** Parses configmgr / sms2003; null for auto. */
    public static SchemaProfile parse(String text) {
        String t = text == null ? "auto" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return null;
        }
        for (SchemaProfile p : values()) {
            if (p.id.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("patchproof.source.schema: '" + text
                + "' is not a schema profile; use configmgr, sms2003 or auto");
    }
}

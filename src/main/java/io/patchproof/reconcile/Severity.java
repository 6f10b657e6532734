package io.patchproof.reconcile;

import java.util.Locale;

/**
 * Microsoft's severity rating of an update. The site database stores it as an integer in
 * {@code v_UpdateInfo.Severity}; 10/8/6/2 is community consensus (sccm-schema.md §2.2), 0 or
 * NULL means the vendor gave none.
 */
public enum Severity {
    UNSPECIFIED(0, 5), LOW(2, 1), MODERATE(6, 2), IMPORTANT(8, 5), CRITICAL(10, 10);

    private final int code;
    private final int weight;

    Severity(int code, int weight) {
        this.code = code;
        this.weight = weight;
    }

    /** The value {@code v_UpdateInfo.Severity} holds. */
    public int code() {
        return code;
    }

    /**
     * Weight used by the reboot plan's risk score (severity weight × exposure days). An unknown
     * severity weighs like Important: never zero, or a site without severities (SMS 2003 without a
     * bulletin-severity file) would rank every host at risk 0, in alphabetical order.
     */
    public int weight() {
        return weight;
    }

    /** Maps the site's integer; unknown values fall to the nearest lower known rating. */
    public static Severity fromCode(Integer code) {
        if (code == null) {
            return UNSPECIFIED;
        }
        Severity result = UNSPECIFIED;
        for (Severity s : values()) {
            if (code >= s.code) {
                result = s;
            }
        }
        return result;
    }

    /** Parses {@code low}, {@code moderate}, {@code important}, {@code critical} (any case). */
    public static Severity parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (Severity s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a severity; use low, moderate, important or critical");
    }

    /** Display name as ConfigMgr shows it (Critical, Important, ...). */
    public String displayName() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}

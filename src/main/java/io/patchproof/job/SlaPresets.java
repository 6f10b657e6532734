package io.patchproof.job;

import io.patchproof.reconcile.Severity;
import java.util.Locale;
import java.util.Map;

/**
 * Days from release to "in effect" per severity, by compliance framework. The SLA is counted to
 * in effect (patch installed and host restarted), not to installed.
 */
final class SlaPresets {

    private SlaPresets() {
    }

    static Map<Severity, Integer> preset(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            // PCI DSS 4.0 6.3.3: critical within one month of release; others "appropriate" (a quarter here).
            case "pci-dss" -> Map.of(Severity.CRITICAL, 30, Severity.IMPORTANT, 90, Severity.MODERATE, 90, Severity.LOW, 180);
            // UK Cyber Essentials: critical and high-risk updates effective within 14 days.
            case "cyber-essentials" -> Map.of(Severity.CRITICAL, 14, Severity.IMPORTANT, 14);
            // ASD Essential Eight (maturity level 2/3 for operating systems): 48 hours where an exploit
            // exists (taken as critical), two weeks otherwise, one month at level 1 (moderate/low here).
            case "essential-eight" -> Map.of(Severity.CRITICAL, 2, Severity.IMPORTANT, 14, Severity.MODERATE, 30, Severity.LOW, 30);
            case "none" -> Map.of();
            default -> throw new UsageException("patchproof.rules.sla: '" + name + "' is not a preset; use pci-dss,"
                    + " cyber-essentials, essential-eight or none (CISA KEV due dates need the KEV catalogue, not yet read)");
        };
    }
}

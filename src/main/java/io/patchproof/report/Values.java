package io.patchproof.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Typed values a placeholder or a data column can hold, beyond plain text, numbers and times.
 * A cell receives {@link Percent} as a fraction (87.5 % → 0.875) so that the template's
 * percentage format shows it; {@link Points} stays in percentage points.
 */
final class Values {

    private Values() {
    }

    /** A percentage, 0–100. Written to a cell as a fraction for Excel's % formats. */
    record Percent(double percent) {
        double fraction() {
            return percent / 100.0;
        }
    }

    /** A difference of two percentages, in percentage points. */
    record Points(double points) {
    }

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    /** How a value reads when a placeholder sits inside longer text. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Percent p) {
            return String.format(Locale.ROOT, "%.1f %%", p.percent());
        }
        if (value instanceof Points p) {
            return String.format(Locale.ROOT, "%+.1f pp", p.points());
        }
        if (value instanceof Instant i) {
            return DATE_TIME.format(i.atOffset(ZoneOffset.UTC)) + " UTC";
        }
        if (value instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return value.toString();
    }
}

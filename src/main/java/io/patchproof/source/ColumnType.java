package io.patchproof.source;

import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a snapshot column is read from the source and written to the store.
 *
 * <p>A site's view may declare a column with another type than the product's (a custom view with
 * an nvarchar where a datetime is expected, an inventory extension that stores the offset as
 * text). Such a column is read as text and converted here, value by value, so that one value that
 * does not convert becomes unknown instead of failing the whole copy; see
 * {@link #readsNatively(int)} and {@link #fromText(String)}.
 */
enum ColumnType {
    INT, TEXT, TIME;

    /**
     * Whether a column the source declares with this JDBC type ({@link Types}) can be read with
     * this type's own getter, which then never fails on a value. {@link Types#NULL} is the type of
     * a bare {@code NULL} (an absent optional column): every value is null.
     */
    boolean readsNatively(int jdbcType) {
        return switch (this) {
            case TEXT -> true;
            case INT -> switch (jdbcType) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.BIT, Types.BOOLEAN, Types.NULL -> true;
                default -> false;
            };
            // SQL Server's datetime and smalldatetime: TIMESTAMP from SQL Server 2008 on, the driver's own
            // codes (microsoft.sql.Types.DATETIME, SMALLDATETIME) before.
            case TIME -> jdbcType == Types.TIMESTAMP || jdbcType == Types.DATE || jdbcType == Types.NULL
                    || jdbcType == MSSQL_DATETIME || jdbcType == MSSQL_SMALLDATETIME;
        };
    }

    private static final int MSSQL_DATETIME = -151;
    private static final int MSSQL_SMALLDATETIME = -150;

    /** What the pre-flight names as the type it expected. */
    String expected() {
        return switch (this) {
            case INT -> "an integer type";
            case TEXT -> "text";
            case TIME -> "datetime";
        };
    }

    /** Thrown for a value that does not convert; its message says what the value is not. */
    static final class Unreadable extends Exception {

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    /** WMI's datetime (DMTF): yyyyMMddHHmmss.ffffff followed by the offset in minutes, which is dropped. */
    private static final Pattern DMTF = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})\\.(\\d{6})[+-]\\d{3}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,10}");

    /**
     * A value the source returned as text, converted to this type. Only unambiguous forms are
     * read: a whole number for INT; for TIME an ISO date or date and time ({@code 2026-11-30},
     * {@code 2026-11-30 10:00:00.000}, {@code 2026-11-30T10:00}), {@code yyyyMMdd} and WMI's
     * {@code yyyyMMddHHmmss.ffffff+060} (its offset suffix dropped: the column is as the client
     * recorded it). Day-and-month forms such as {@code 11/02/2026} are not read: which is the
     * day depends on the language of the login that wrote them.
     *
     * @param text the value as text, not null
     * @throws Unreadable when the value has none of these forms
     */
    Object fromText(String text) throws Unreadable {
        String t = text.trim();
        return switch (this) {
            case TEXT -> text;
            case INT -> {
                if (WHOLE_NUMBER.matcher(t).matches()) {
                    long v = Long.parseLong(t);
                    if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                        yield (int) v;
                    }
                }
                throw new Unreadable("not a whole number");
            }
            case TIME -> time(t);
        };
    }

    private static LocalDateTime time(String t) throws Unreadable {
        try {
            Matcher m = ISO.matcher(t);
            if (m.matches()) {
                LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                if (m.group(4) == null) {
                    return day.atStartOfDay();
                }
                String fraction = m.group(7) == null ? "0" : (m.group(7) + "00000000").substring(0, 9);
                return day.atTime(LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), Integer.parseInt(fraction)));
            }
            m = COMPACT.matcher(t);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                        .atStartOfDay();
            }
            m = DMTF.matcher(t);
            if (m.matches()) {
                return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)) * 1000);
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new Unreadable("not a valid date and time");
        }
        throw new Unreadable("not a date and time");
    }
}

package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Types;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Values of a column the site declares with another type than expected, converted one by one. */
class ColumnTypeTests {

    @Test
    void unambiguousDateAndTimeTextIsRead() throws Exception {
        assertThat(ColumnType.TIME.fromText("2026-11-10 03:00:00.123")).isEqualTo(LocalDateTime.of(2026, 11, 10, 3, 0, 0, 123_000_000));
        assertThat(ColumnType.TIME.fromText(" 2026-11-10T03:04 ")).isEqualTo(LocalDateTime.of(2026, 11, 10, 3, 4));
        assertThat(ColumnType.TIME.fromText("2026-11-10")).isEqualTo(LocalDateTime.of(2026, 11, 10, 0, 0));
        assertThat(ColumnType.TIME.fromText("20261110")).isEqualTo(LocalDateTime.of(2026, 11, 10, 0, 0));
        assertThat(ColumnType.TIME.fromText("20261110030405.500000+060")).isEqualTo(LocalDateTime.of(2026, 11, 10, 3, 4, 5, 500_000_000));
    }

    @Test
    void textThatIsNoDateOrWhoseDayAndMonthAreAmbiguousIsUnreadable() {
        for (String text : new String[] {"last tuesday", "11/02/2026", "2026-02-30", "2026-13-01 00:00", "", "0"}) {
            assertThatThrownBy(() -> ColumnType.TIME.fromText(text)).as(text).isInstanceOf(ColumnType.Unreadable.class)
                    .hasMessageContaining("date and time");
        }
    }

    @Test
    void wholeNumbersAreReadAndAnythingElseIsUnreadable() throws Exception {
        assertThat(ColumnType.INT.fromText(" 60 ")).isEqualTo(60);
        assertThat(ColumnType.INT.fromText("+60")).isEqualTo(60);
        assertThat(ColumnType.INT.fromText("-300")).isEqualTo(-300);
        for (String text : new String[] {"GMT+01:00", "1.5", "99999999999", "", "60 min"}) {
            assertThatThrownBy(() -> ColumnType.INT.fromText(text)).as(text).isInstanceOf(ColumnType.Unreadable.class)
                    .hasMessage("not a whole number");
        }
    }

    @Test
    void onlyTheExpectedFamiliesOfDeclaredTypesAreReadNatively() {
        assertThat(ColumnType.INT.readsNatively(Types.TINYINT)).isTrue();
        assertThat(ColumnType.INT.readsNatively(Types.BIT)).isTrue();
        assertThat(ColumnType.INT.readsNatively(Types.NULL)).as("an absent optional column's NULL").isTrue();
        assertThat(ColumnType.INT.readsNatively(Types.NVARCHAR)).isFalse();
        assertThat(ColumnType.INT.readsNatively(Types.DECIMAL)).as("a fraction would be cut silently").isFalse();
        assertThat(ColumnType.TIME.readsNatively(Types.TIMESTAMP)).isTrue();
        assertThat(ColumnType.TIME.readsNatively(-151)).as("the SQL Server driver's datetime before SQL Server 2008").isTrue();
        assertThat(ColumnType.TIME.readsNatively(-155)).as("datetimeoffset: read as text").isFalse();
        assertThat(ColumnType.TIME.readsNatively(Types.VARCHAR)).isFalse();
        assertThat(ColumnType.TEXT.readsNatively(Types.TIMESTAMP)).isTrue();
    }
}

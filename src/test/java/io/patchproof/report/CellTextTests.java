package io.patchproof.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellTextTests {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "\u0000x", "\u001Bx", "\u007Fx",
            " =1", "\u00A0+1", "\uFF1D1", "\uFF0B1", "\uFF0D1", "\uFF201"})
    void textThatASpreadsheetCouldTakeForAFormulaIsFormulaLike(String text) {
        assertThat(CellText.isFormulaLike(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "KB958644", "Security Update", "a=b", "a-b", "   ", "1+1", "'=1"})
    void ordinaryTextIsNotFormulaLike(String text) {
        assertThat(CellText.isFormulaLike(text)).isFalse();
    }

    @Test
    void controlCharactersAndNoncharactersAreStoredWithExcelsEscape() {
        CellText.Prepared p = CellText.prepare("a\u0001b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh\t\n\r\u007F");
        assertThat(p.text()).isEqualTo("a_x0001_b_x0008_c_x000B_d_x000C_e_x001F_f_xFFFE_g_xFFFF_h\t\n\r\u007F");
        assertThat(p.replacedChars()).isZero();
    }

    @Test
    void nulAndUnpairedSurrogatesBecomeReplacementCharactersAndPairsSurvive() {
        CellText.Prepared p = CellText.prepare("a\u0000b\uDC00c\uD800\uD83D\uDE00d\uD83D");
        assertThat(p.text()).isEqualTo("a\uFFFDb\uFFFDc\uFFFD\uD83D\uDE00d\uFFFD");
        assertThat(p.replacedChars()).isEqualTo(4);
        assertThat(p.truncated()).isFalse();
    }

    @Test
    void anExistingReplacementCharacterIsNotCountedAsReplaced() {
        assertThat(CellText.prepare("already \uFFFD here\u0000").replacedChars()).isEqualTo(1);
    }

    @Test
    void literalOoxmlEscapesAreEscapedSoTheyReadBackAsWritten() {
        assertThat(CellText.prepare("_x0041_ _x00zz_ _X0041_ _x005f_").text())
                .isEqualTo("_x005F_x0041_ _x00zz_ _X0041_ _x005F_x005f_");
    }

    @Test
    void anEscapedCharacterNextToAnUnderscoreOrEscapeLikeTextStaysUnambiguous() {
        assertThat(CellText.prepare("_\u0001x0041_").text()).isEqualTo("__x0001_x0041_");
        assertThat(CellText.prepare("\u0001_x0041_").text()).isEqualTo("_x0001__x005F_x0041_");
    }

    @Test
    void truncationNeverCutsAnEscapeInTwo() {
        String text = "\u0001".repeat(10_000);
        CellText.Prepared p = CellText.prepare(text);
        assertThat(p.truncated()).isTrue();
        assertThat(p.text().length()).isLessThanOrEqualTo(32_767);
        String head = p.text().substring(0, p.text().indexOf('\u2026'));
        assertThat(head).matches("(_x0001_)+");
    }

    @Test
    void textAtTheLimitIsKeptWhole() {
        String text = "x".repeat(32_767);
        assertThat(CellText.prepare(text).text()).isSameAs(text);
    }

    @Test
    void truncatedTextStaysWithinTheLimitEvenWhenEscapesGrowIt() {
        String text = "_x0041_".repeat(6_000);
        CellText.Prepared p = CellText.prepare(text);
        assertThat(p.truncated()).isTrue();
        assertThat(p.text().length()).isLessThanOrEqualTo(32_767);
        assertThat(p.text()).endsWith("\u2026 [truncated, 42000 chars, sha256 " + Sha256.hex(text) + "]");
    }
}

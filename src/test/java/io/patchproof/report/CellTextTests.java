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
    void xmlIllegalCharactersBecomeReplacementCharactersAndPairsSurvive() {
        CellText.Prepared p = CellText.prepare("a\u0000b\u0008c\uFFFFd\uDC00e\uD83D\uDE00f\t\n\r");
        assertThat(p.text()).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uD83D\uDE00f\t\n\r");
        assertThat(p.replacedChars()).isEqualTo(4);
        assertThat(p.truncated()).isFalse();
    }

    @Test
    void anExistingReplacementCharacterIsNotCountedAsReplaced() {
        assertThat(CellText.prepare("already \uFFFD here\u0000").replacedChars()).isEqualTo(1);
    }

    @Test
    void literalOoxmlEscapesAreEscapedSoTheyReadBackAsWritten() {
        assertThat(CellText.prepare("_x0041_ _x00zz_ _X0041_").text()).isEqualTo("_x005F_x0041_ _x00zz_ _X0041_");
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

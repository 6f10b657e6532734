package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceScopeTests {

    private static final Instant AS_OF_END = Instant.parse("2026-11-17T00:00:00Z");

    @Test
    void allSystemsBindsTheNeutralValues() {
        SourceScope all = SourceScope.all(AS_OF_END);

        assertThat(all.toParameters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "collectionId", "", "hostPattern", "%", "serversOnly", 0, "articleIds", "", "bulletinIds", "",
                "minSeverity", 0, "asOfEnd", LocalDateTime.of(2026, 11, 17, 0, 0), "registerCollections", ""));
        assertThat(all.describe()).isEqualTo("all systems");
        assertThat(all.key()).isEmpty();
    }

    @Test
    void describesEveryRestriction() {
        SourceScope scope = new SourceScope("SMS00001", List.of("KB958644"), List.of(), "SRV*", 10, true, AS_OF_END);

        assertThat(scope.describe())
                .isEqualTo("collection SMS00001; KB 958644; hosts SRV*; servers only; min severity critical");
    }

    @Test
    void kbNumbersLoseTheirPrefixAndAreSortedAndDeduplicated() {
        SourceScope scope = new SourceScope(null, List.of("KB958644", " 5012345 ,kb0012", "kb 958644"), null, null,
                null, false, AS_OF_END);

        assertThat(scope.articleIds()).containsExactly("12", "958644", "5012345");
        assertThat(scope.toParameters()).containsEntry("articleIds", ",12,958644,5012345,");
    }

    @Test
    void bulletinsAreUpperCased() {
        SourceScope scope = new SourceScope(null, null, List.of("ms08-067", "MS26-067,ms08-067"), null, null, false,
                AS_OF_END);

        assertThat(scope.bulletinIds()).containsExactly("MS08-067", "MS26-067");
        assertThat(scope.toParameters()).containsEntry("bulletinIds", ",MS08-067,MS26-067,");
        assertThat(scope.describe()).isEqualTo("bulletins MS08-067, MS26-067");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "SRV*            | SRV%",
        "LAB?PC01        | LAB_PC01",
        "LAB_PC01        | LAB\\_PC01",
        "QA%KIOSK        | QA\\%KIOSK",
        "A[B]C           | A\\[B]C",
        "A\\B            | A\\\\B",
        "'; DROP TABLE x | '; DROP TABLE x"})
    void hostPatternsBecomeEscapedLikePatterns(String wildcard, String like) {
        SourceScope scope = new SourceScope(null, null, null, wildcard, null, false, AS_OF_END);

        assertThat(scope.toParameters()).containsEntry("hostPattern", like);
        assertThat(scope.hostPattern()).isEqualTo(wildcard);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "*", "**"})
    void anEmptyOrStarPatternMeansAllHosts(String pattern) {
        SourceScope scope = new SourceScope(null, null, null, pattern, null, false, AS_OF_END);

        assertThat(scope.hostPattern()).isNull();
        assertThat(scope).isEqualTo(SourceScope.all(AS_OF_END));
    }

    @Test
    void collectionIdsAreUpperCasedAndMinSeverityZeroMeansNone() {
        SourceScope scope = new SourceScope(" pp100011 ", null, null, null, 0, false, AS_OF_END);

        assertThat(scope.collectionId()).isEqualTo("PP100011");
        assertThat(scope.minSeverity()).isNull();
        assertThat(scope.toParameters()).containsEntry("collectionId", "PP100011").containsEntry("minSeverity", 0);
    }

    @Test
    void everyParameterIsAScalarSoSpringNeverExpandsOne() {
        SourceScope scope = new SourceScope("SMS00001", List.of("1", "2"), List.of("MS08-067"), "A*", 8, true,
                AS_OF_END);

        assertThat(scope.toParameters().values())
                .allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Integer.class, LocalDateTime.class));
    }

    @Test
    void invalidValuesNameTheProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SourceScope(null, List.of("KB95x"), null, null, null, false, AS_OF_END))
                .withMessageContaining("patchproof.scope.article").withMessageContaining("KB95x");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SourceScope("SMS0001", null, null, null, null, false, AS_OF_END))
                .withMessageContaining("patchproof.scope.collection");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SourceScope("'; DROP TABLE x; --", null, null, null, null, false, AS_OF_END))
                .withMessageContaining("patchproof.scope.collection");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SourceScope(null, null, List.of("MS08 067"), null, null, false, AS_OF_END))
                .withMessageContaining("patchproof.scope.bulletin");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SourceScope(null, null, null, "SRV\u0000*", null, false, AS_OF_END))
                .withMessageContaining("patchproof.scope.hosts");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SourceScope(null, null, null, null, 7, false, AS_OF_END))
                .withMessageContaining("patchproof.scope.min-severity");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SourceScope(null, null, null, null, null, false, null))
                .withMessageContaining("patchproof.as-of");
    }

    @Test
    void severityNamesMapToCodes() {
        assertThat(SourceScope.severityCode("Critical")).isEqualTo(10);
        assertThat(SourceScope.severityCode("important")).isEqualTo(8);
        assertThat(SourceScope.severityCode("MODERATE")).isEqualTo(6);
        assertThat(SourceScope.severityCode("low")).isEqualTo(2);
        assertThat(SourceScope.severityCode("none")).isNull();
        assertThat(SourceScope.severityCode(" ")).isNull();
        assertThatIllegalArgumentException().isThrownBy(() -> SourceScope.severityCode("urgent"))
                .withMessageContaining("patchproof.scope.min-severity");
    }

    @Test
    void theKeyIsTheSameForScopesThatSelectTheSameRows() {
        SourceScope a = new SourceScope("sms00001", List.of("KB958644", "5012345"), List.of("ms08-067"), "srv*", 10,
                true, AS_OF_END);
        SourceScope b = new SourceScope("SMS00001", List.of("5012345", "958644"), List.of("MS08-067"), "SRV*", 10,
                true, Instant.parse("2025-01-01T00:00:00Z"));

        assertThat(a.key()).isEqualTo(b.key())
                .isEqualTo("coll-SMS00001_kb-958644.5012345_bulletin-MS08-067_hosts-SRV%2A_servers_sev-critical");
    }

    @Test
    void theKeyTellsScopesApartAndIsSafeInAFileName() {
        List<SourceScope> scopes = List.of(
                SourceScope.all(AS_OF_END),
                new SourceScope("SMS00001", null, null, null, null, false, AS_OF_END),
                new SourceScope("SMS00002", null, null, null, null, false, AS_OF_END),
                new SourceScope(null, null, null, "SRV?", null, false, AS_OF_END),
                new SourceScope(null, null, null, "SRV*", null, false, AS_OF_END),
                new SourceScope(null, null, null, "'; DROP TABLE x; --/\\:<>|\"", null, false, AS_OF_END),
                new SourceScope(null, null, null, "Ünïcödé*", null, false, AS_OF_END),
                new SourceScope(null, null, null, null, null, true, AS_OF_END),
                new SourceScope(null, null, null, null, 8, false, AS_OF_END));

        assertThat(scopes).extracting(SourceScope::key).doesNotHaveDuplicates()
                .allSatisfy(key -> assertThat(key).matches("[A-Za-z0-9._%-]*").hasSizeLessThanOrEqualTo(100));
    }

    @Test
    void aLongScopeIsHashedIntoAShortKey() {
        String[] many = new String[40];
        Arrays.setAll(many, i -> String.valueOf(5_000_000 + i));
        SourceScope scope = new SourceScope(null, List.of(many), null, null, null, false, AS_OF_END);
        SourceScope other = new SourceScope(null, List.of(Arrays.copyOf(many, 39)), null, null, null, false, AS_OF_END);

        assertThat(scope.key()).matches("scope-[0-9a-f]{16}").isNotEqualTo(other.key());
    }
}

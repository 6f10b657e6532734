package io.patchproof.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTests {

    @Test
    @SuppressWarnings("unchecked")
    void readsBackWhatTheWriterWritesWithOrderAndTypesKept() {
        String json = new JsonWriter().beginObject()
                .field("name", "patch \"proof\"\\ \n\t\u0001 \u2028 é")
                .field("count", 9_007_199_254_740_993L)
                .field("negative", -3)
                .field("flag", true)
                .name("nothing").nullValue()
                .name("list").beginArray().value("a").value(2).beginObject().endObject().beginArray().endArray().endArray()
                .endObject().toJson();

        Map<String, Object> read = (Map<String, Object>) JsonReader.parse(json);

        assertThat(read.keySet()).containsExactly("name", "count", "negative", "flag", "nothing", "list");
        assertThat(read.get("name")).isEqualTo("patch \"proof\"\\ \n\t\u0001 \u2028 é");
        assertThat(read.get("count")).isEqualTo(9_007_199_254_740_993L);
        assertThat(read.get("negative")).isEqualTo(-3L);
        assertThat(read.get("flag")).isEqualTo(true);
        assertThat(read.containsKey("nothing")).isTrue();
        assertThat(read.get("nothing")).isNull();
        assertThat((List<Object>) read.get("list")).containsExactly("a", 2L, Map.of(), List.of());
    }

    @Test
    void readsNumbersWithFractionsAndExponentsAsDoubles() {
        assertThat(JsonReader.parse("[1.5, -0.25e1, 2E+2, 0]")).isEqualTo(List.of(1.5, -2.5, 200.0, 0L));
    }

    @Test
    void refusesEveryKindOfMalformedTextNamingWhereItIs() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("", "ends where a value should be");
        cases.put("{\"a\": 1,}", "expected a quoted member name");
        cases.put("[1, 2,]", "unexpected ']'");
        cases.put("{\"a\": 1, \"a\": 2}", "\"a\" appears twice");
        cases.put("{\"a\": \"x\ny\"}", "control character");
        cases.put("{\"a\": 1} x", "text after the end");
        cases.put("{\"a\": \"\\q\"}", "not a JSON escape");
        cases.put("{\"a\": \"\\u12\"}", "four hex digits");
        cases.put("{\"a\": \"open", "not closed");
        cases.put("{\"a\" 1}", "expected ':'");
        cases.put("{\"a\": 01}", "expected ',' or '}'");
        cases.put("{\"a\": -}", "needs a digit");
        cases.put("{\"a\": 1.}", "digit after '.'");
        cases.put("{\"a\": tru}", "unexpected 't'");
        cases.put("{\"a\": 99999999999999999999}", "too large");
        cases.put("'a'", "unexpected '''");
        cases.put("[".repeat(65) + "]".repeat(65), "nested deeper");
        cases.forEach((text, why) -> assertThatThrownBy(() -> JsonReader.parse(text)).as(text)
                .isInstanceOf(JsonReader.Malformed.class).hasMessageContaining(why).hasMessageContaining("(line "));
    }

    @Test
    void namesTheLineAndColumnOfTheFault() {
        assertThatThrownBy(() -> JsonReader.parse("{\n  \"a\": 1,\n  \"b\": [1 2]\n}"))
                .hasMessageContaining("line 3, column 11");
    }
}

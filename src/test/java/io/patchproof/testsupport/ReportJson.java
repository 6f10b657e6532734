package io.patchproof.testsupport;

import io.patchproof.report.JsonReader;
import java.util.List;
import java.util.Map;

/**
 * Reads manifests and {@code --json} output in tests with the product's own strict {@link JsonReader}
 * (objects become ordered, unmodifiable maps, arrays lists, integers Long, other numbers Double), plus
 * the casts a test needs to walk the result.
 */
public final class ReportJson {

    private ReportJson() {
    }

    /**
     * @throws JsonReader.Malformed when the text is not one JSON value
     */
    public static Object parse(String json) {
        return JsonReader.parse(json);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value) {
        return (List<Object>) value;
    }
}

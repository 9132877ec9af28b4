package io.tripflow.trip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON reader for trip events, used by the schema validator and the parser alike, so the
 * two can never disagree about what a record says.
 */
public final class TripJson {

    private TripJson() {
    }

    public static ObjectMapper strictReader() {
        JsonFactory factory = JsonFactory.builder()
                // {"fare": 1, "fare": -1} is ambiguous: reject rather than let the last key win.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // NaN and Infinity are not JSON.
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .streamReadConstraints(StreamReadConstraints.builder()
                        // A trip event is flat; deep nesting is an attack or a bug, not data.
                        .maxNestingDepth(32)
                        .maxNumberLength(100)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // Money is decimal: never pass a fare through a double.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // One record is one JSON value; "{...} trailing" is corrupt.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}

package io.jpm.ipc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration used on the wire and in JPM_HOME files. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {}

    /**
     * What is wrong with a JSON text, in one line for a user: Jackson's own message without what names its insides
     * (the "start marker at [Source: ...]" of an unclosed object, the constraint's getter behind a limit). The caller
     * adds the file and the line and column.
     */
    public static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) return e.getClass().getSimpleName();
        message = message.lines().findFirst().orElse("").strip();
        int marker = message.indexOf(" (start marker at");
        if (marker >= 0) message = message.substring(0, marker);
        return message.replaceAll(", from `[^`]*`\\)", ")");
    }
}

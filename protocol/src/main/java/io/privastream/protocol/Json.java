package io.privastream.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import java.io.IOException;

/**
 * The JSON codec every component uses on the wire, so that all agree on one form.
 *
 * <p>Ids ({@link ContentId}, {@link PeerId}) are written as plain strings; {@code Optional}
 * fields are omitted when empty; unknown fields are ignored (newer peers may add some);
 * invalid values are rejected by the records' own checks and surface as
 * {@link MalformedMessageException}. Thread-safe.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addMixIn(ContentId.class, ContentIdForm.class)
            .addMixIn(PeerId.class, PeerIdForm.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT)
            .build();

    private Json() {
    }

    /** The shared mapper, for components that need streaming or tree access. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serializes {@code value} to compact JSON bytes (UTF-8). */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Serializes {@code value} to indented JSON text, for files people read. */
    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parses {@code json} as a {@code type}.
     *
     * @throws MalformedMessageException with a one-line reason when the bytes are not valid JSON
     *                                   or the values fail the record's checks
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new MalformedMessageException("expected a JSON object for " + type.getSimpleName() + ", got null");
            }
            return value;
        } catch (MalformedMessageException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedMessageException("malformed " + type.getSimpleName() + ": " + reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code json} text as a {@code type}; see {@link #read(byte[], Class)}. */
    public static <T> T read(String json, Class<T> type) {
        return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    private static String reason(IOException e) {
        // Jackson wraps the record's IllegalArgumentException; its message is the useful part.
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof IllegalArgumentException) {
                return cause.getMessage();
            }
        }
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        message = message.lines().findFirst().orElse(message);
        // Jackson appends hints about its own configuration; they mean nothing to a client.
        int hint = message.indexOf(" (set DeserializationConfig");
        if (hint < 0) {
            hint = message.indexOf(" (through reference chain");
        }
        if (hint >= 0) {
            message = message.substring(0, hint);
        }
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jme && !jme.getPath().isEmpty()) {
            String field = jme.getPath().getLast().getFieldName();
            if (field != null) {
                return "field '" + field + "': " + message;
            }
        }
        return message;
    }

    /** Thrown when bytes on the wire are not a valid message. */
    public static final class MalformedMessageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedMessageException(String message) {
            super(message);
        }

        public MalformedMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @SuppressWarnings("unused")
    private abstract static class ContentIdForm {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        ContentIdForm(String value) {
        }

        @JsonValue
        abstract String value();
    }

    @SuppressWarnings("unused")
    private abstract static class PeerIdForm {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        PeerIdForm(String value) {
        }

        @JsonValue
        abstract String value();
    }
}

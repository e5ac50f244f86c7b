package io.clituner.provenance.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) output: object members sorted by UTF-16 code units, no
 * whitespace, minimal string escapes, ECMAScript number formatting. Everything this library signs
 * or hashes goes through here, so two parties that agree on a value agree on its bytes.
 *
 * <p>Values are first turned into a Jackson tree by {@link #mapper()} (records, enums by name,
 * {@code java.time} values as ISO-8601 strings). Integers beyond ±2^53 are refused since RFC 8785
 * numbers are IEEE doubles. Doubles are formatted from {@link Double#toString}, which on JDK 17
 * is shortest for all but rare values (JDK-4511638); the values this library signs are hashes,
 * strings, integers and confidences.
 */
public final class CanonicalJson {
    private static final long MAX_SAFE_INTEGER = (1L << 53);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CanonicalJson() {}

    /** The mapper that defines how values become JSON trees (and are read back). Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Canonical UTF-8 bytes of any value the {@link #mapper()} can serialize (or of a {@link JsonNode}). */
    public static byte[] write(Object value) {
        JsonNode tree = value instanceof JsonNode n ? n : MAPPER.valueToTree(value);
        Out out = new Out(512);
        writeNode(tree, out);
        return out.toByteArray();
    }

    /**
     * A growable byte buffer. Not {@link java.io.ByteArrayOutputStream}: its {@code write(int)} is
     * synchronized, and at one call per output byte the uncontended locking alone cost about 10 µs
     * per kilobyte, most of what signing a response spent outside the cryptography.
     */
    private static final class Out {
        private byte[] buf;
        private int len;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void write(int b) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[len++] = (byte) b;
        }

        void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    /** Canonical form of a JSON document given as bytes. */
    public static byte[] canonicalize(byte[] json) {
        return write(parse(json));
    }

    /** Parses JSON; malformed input is INVALID_REQUEST with the parser's location. */
    public static JsonNode parse(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new CliTunerException(ErrorCode.INVALID_REQUEST, "empty JSON document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    "malformed JSON: " + e.getOriginalMessage()
                            + (e.getLocation() != null
                                    ? " at line " + e.getLocation().getLineNr() + ", column "
                                            + e.getLocation().getColumnNr()
                                    : ""),
                    e);
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** Converts a tree to a value type with the canonical mapper. */
    public static <T> T read(JsonNode node, Class<T> type) {
        try {
            T value = MAPPER.treeToValue(node, type);
            if (value == null) { // the JSON literal null
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST, "JSON does not describe a " + type.getSimpleName() + ": it is null");
            }
            return value;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    "JSON does not describe a " + type.getSimpleName() + ": "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    e);
        }
    }

    private static void writeNode(JsonNode node, Out out) {
        JsonNodeType t = node.getNodeType();
        switch (t) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
                Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
                while (it.hasNext()) {
                    fields.add(it.next());
                }
                // String.compareTo compares UTF-16 code units: exactly RFC 8785 §3.2.3.
                fields.sort(Map.Entry.comparingByKey());
                out.write('{');
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    writeString(fields.get(i).getKey(), out);
                    out.write(':');
                    writeNode(fields.get(i).getValue(), out);
                }
                out.write('}');
            }
            case ARRAY -> {
                out.write('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    writeNode(node.get(i), out);
                }
                out.write(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case BOOLEAN -> writeAscii(node.booleanValue() ? "true" : "false", out);
            case NULL -> writeAscii("null", out);
            case NUMBER -> writeAscii(number(node), out);
            case BINARY -> {
                try {
                    writeString(java.util.Base64.getEncoder().encodeToString(node.binaryValue()), out);
                } catch (IOException e) {
                    throw new CliTunerException(ErrorCode.INVALID_REQUEST, "unreadable binary JSON node", e);
                }
            }
            default ->
                throw new CliTunerException(ErrorCode.INVALID_REQUEST, "cannot canonicalize JSON node of type " + t);
        }
    }

    private static String number(JsonNode node) {
        if (node.isInt() || node.isLong()) {
            long v = node.longValue();
            if (v > MAX_SAFE_INTEGER || v < -MAX_SAFE_INTEGER) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST,
                        "integer " + v + " is outside ±2^53 and has no exact RFC 8785 form; encode it as a string");
            }
            return Long.toString(v);
        }
        if (node.isIntegralNumber()) {
            BigInteger v = node.bigIntegerValue();
            if (v.abs().compareTo(BigInteger.valueOf(MAX_SAFE_INTEGER)) > 0) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST,
                        "integer " + v + " is outside ±2^53 and has no exact RFC 8785 form; encode it as a string");
            }
            return v.toString();
        }
        return formatDouble(node.doubleValue());
    }

    /** ECMAScript Number.prototype.toString (ECMA-262 §7.1.12.1), as RFC 8785 §3.2.2.3 requires. */
    static String formatDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "NaN and Infinity have no JSON form");
        }
        if (d == 0) {
            return "0"; // also for -0
        }
        String sign = d < 0 ? "-" : "";
        BigDecimal bd = shortest(Math.abs(d));
        String digits = bd.unscaledValue().toString();
        int k = digits.length();
        int n = k - bd.scale(); // value = 0.digits × 10^n
        StringBuilder sb = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            sb.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(e > 0 ? '+' : '-').append(Math.abs(e));
        }
        return sb.toString();
    }

    /**
     * The shortest decimal that reads back as {@code d} (closest to it among equally short ones).
     * JDK 17's {@link Double#toString} is not always shortest (e.g. 4.9E-324), so search from its
     * length downwards.
     */
    private static BigDecimal shortest(double d) {
        BigDecimal best = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        BigDecimal exact = new BigDecimal(d);
        for (int p = best.precision() - 1; p >= 1; p--) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() != d) {
                break;
            }
            best = candidate.stripTrailingZeros();
        }
        return best;
    }

    private static void writeAscii(String s, Out out) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }

    private static void writeString(String s, Out out) {
        int len = s.length();
        // Fast path: the leading run of printable ASCII that needs no escape (usually the whole string).
        out.ensure(len + 2);
        byte[] b = out.buf;
        int n = out.len;
        b[n++] = '"';
        int i = 0;
        for (; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                break;
            }
            b[n++] = (byte) c;
        }
        out.len = n;
        for (; i < len; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> {
                    out.write('\\');
                    out.write('"');
                }
                case '\\' -> {
                    out.write('\\');
                    out.write('\\');
                }
                case '\b' -> {
                    out.write('\\');
                    out.write('b');
                }
                case '\f' -> {
                    out.write('\\');
                    out.write('f');
                }
                case '\n' -> {
                    out.write('\\');
                    out.write('n');
                }
                case '\r' -> {
                    out.write('\\');
                    out.write('r');
                }
                case '\t' -> {
                    out.write('\\');
                    out.write('t');
                }
                default -> i = writeChar(s, i, out);
            }
        }
        out.write('"');
    }

    /** Writes {@code s.charAt(i)} (a control character escaped, anything else as UTF-8); returns the index of its last char. */
    private static int writeChar(String s, int i, Out out) {
        char c = s.charAt(i);
        if (c < 0x20) {
            out.write('\\');
            out.write('u');
            out.write('0');
            out.write('0');
            out.write(HEX[c >> 4]);
            out.write(HEX[c & 0xF]);
        } else if (c < 0x80) {
            out.write(c);
        } else if (c < 0x800) {
            out.write(0xC0 | (c >> 6));
            out.write(0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                throw unpairedSurrogate(i);
            }
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            out.write(0xF0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3F));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
            return i + 1;
        } else if (Character.isLowSurrogate(c)) {
            throw unpairedSurrogate(i);
        } else {
            out.write(0xE0 | (c >> 12));
            out.write(0x80 | ((c >> 6) & 0x3F));
            out.write(0x80 | (c & 0x3F));
        }
        return i;
    }

    private static CliTunerException unpairedSurrogate(int index) {
        return new CliTunerException(
                ErrorCode.UNPAIRED_SURROGATE,
                "unpaired surrogate at index " + index + " of a JSON string; RFC 8785 requires valid Unicode");
    }
}

package io.clituner.core.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clituner.core.SafetyLevel;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** The ingress fast path must accept exactly what Hibernate Validator accepts. */
class RequestConstraintsTest {
    private static final Validator HV = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    @Test
    void declaredConstraintsAreExactlyTheOnesTheFastPathChecks() {
        BeanDescriptor bean = HV.getConstraintsForClass(CommandRequest.class);
        assertEquals(
                Set.of(),
                bean.getConstraintDescriptors(),
                "class-level constraints are not checked by RequestConstraints");
        Map<String, Set<String>> declared = new TreeMap<>();
        bean.getConstrainedProperties().forEach(p -> {
            Set<String> kinds = new TreeSet<>();
            for (ConstraintDescriptor<?> c : p.getConstraintDescriptors()) {
                String kind = c.getAnnotation().annotationType().getSimpleName();
                if (c.getAnnotation() instanceof Pattern pattern) {
                    kind += "(" + pattern.regexp() + ")";
                }
                kinds.add(kind);
            }
            declared.put(p.getPropertyName(), kinds);
        });
        assertEquals(
                Map.of(
                        "query", Set.of(SafeQuery.class.getSimpleName()),
                        "shellType", Set.of(NotNull.class.getSimpleName(), "Pattern(bash)"),
                        "safetyLevel", Set.of(NotNull.class.getSimpleName())),
                declared,
                "CommandRequest's constraints changed: update RequestConstraints.satisfiedBy and this test");
    }

    @Test
    void agreesWithHibernateValidatorOnValidAndInvalidRequests() {
        List<CommandRequest> requests = new ArrayList<>();
        for (String q : new String[] {
            null,
            "",
            "  ",
            "ab",
            " ab ",
            "abc",
            "list all pdf files",
            "a".repeat(500),
            "a".repeat(501),
            " ".repeat(10) + "b".repeat(500),
            "list \u0000 files",
            "tab\there",
            "line\r\nbreak",
            "del \u007F x",
            "c1 \u0085 x",
            "bidi \u202E x",
            "lrm \u200E x",
            "emoji \uD83D\uDE00 ok",
            "lone \uD83D x",
            "lone \uDE00 x",
            "end \uD83D",
            "caf\u00E9 cr\u00E8me",
            "\uFF4C\uFF53 full-width",
            "\u3000\u3000ab\u3000"
        }) {
            requests.add(new CommandRequest(q));
            requests.add(new CommandRequest(q, "zsh", SafetyLevel.MODERATE, "u"));
        }
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(12);
            for (int j = 0; j < n; j++) {
                // bias towards the interesting ranges: controls, surrogates, bidi marks, ASCII
                int pick = random.nextInt(6);
                sb.append((char)
                        switch (pick) {
                            case 0 -> random.nextInt(0x40);
                            case 1 -> 0xD800 + random.nextInt(0x800);
                            case 2 -> 0x2000 + random.nextInt(0x80);
                            case 3 -> 0x80 + random.nextInt(0x40);
                            default -> 'a' + random.nextInt(26);
                        });
            }
            requests.add(new CommandRequest(sb.toString()));
        }
        requests.add(new CommandRequest("list files", "bash ", SafetyLevel.STRICT, null));
        requests.add(new CommandRequest("list files", "BASH", SafetyLevel.STRICT, null));
        int rejected = 0;
        for (CommandRequest r : requests) {
            boolean hvValid = HV.validate(r).isEmpty();
            assertEquals(hvValid, RequestConstraints.satisfiedBy(r), () -> "disagreement on " + r);
            rejected += hvValid ? 0 : 1;
        }
        // the sample exercises both outcomes
        assertEquals(
                true,
                rejected > 100 && rejected < requests.size() - 100,
                "rejected " + rejected + " of " + requests.size());
    }
}

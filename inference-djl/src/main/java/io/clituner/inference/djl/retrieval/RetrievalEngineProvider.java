package io.clituner.inference.djl.retrieval;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngineProvider;
import io.clituner.core.engine.options.EngineOptions;
import io.clituner.core.engine.options.OptionSpec;
import io.clituner.core.engine.options.OptionValues;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.djl.bank.ExampleBank;
import io.clituner.inference.djl.bank.TldrCache;
import io.clituner.inference.djl.calibration.ConfidenceModel;
import io.clituner.inference.djl.internal.adapt.EntityExtractor;
import io.clituner.inference.djl.internal.host.InstalledPrograms;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Opens the {@link RetrievalEngine} for any settings without a model file, so that
 * {@code EngineSettings.defaults()} works offline with zero configuration. Ranked below the GGUF
 * provider: a configured model file always wins. Options ({@link #OPTIONS}; an unknown key or a bad value is a
 * {@link ConfigurationException} naming the key and the accepted values):
 * <ul>
 *   <li>{@code bank}: a TSV file ({@code request TAB command}) whose examples are added to the built-in bank;</li>
 *   <li>{@code builtinBank}: {@code false} to use only the {@code bank} file;</li>
 *   <li>{@code minSimilarity}: the cosine similarity below which the engine gives no suggestion
 *       (default {@value RetrievalEngine#DEFAULT_MIN_SIMILARITY});</li>
 *   <li>{@code tldrCache}: {@code true} to add the examples of a tldr client's page cache found on this machine
 *       ({@link TldrCache#find}), or the cache directory itself; ids {@code tldr-cache:…} attribute them;</li>
 *   <li>{@code installedOnly}: {@code true} to answer only with commands whose programs are on {@code PATH};</li>
 *   <li>{@code confidenceThreshold}: the calibrated confidence below which the engine answers NO_SUGGESTION
 *       (default: the shipped model's, see {@link ConfidenceModel}).</li>
 * </ul>
 */
public final class RetrievalEngineProvider implements InferenceEngineProvider {
    /** Low on purpose: the fallback when nothing more specific (a GGUF model) is configured. */
    public static final int PRIORITY = 10;

    public static final OptionSpec<Path> BANK =
            OptionSpec.path("bank", "a TSV file (request TAB command) whose examples are added to the built-in bank");
    public static final OptionSpec<Boolean> BUILTIN_BANK =
            OptionSpec.bool("builtinBank", "false to use only the bank file", true);
    public static final OptionSpec<Double> MIN_SIMILARITY = OptionSpec.decimal(
            "minSimilarity",
            "the cosine similarity below which the engine gives no suggestion",
            RetrievalEngine.DEFAULT_MIN_SIMILARITY,
            -1.0,
            1.0);
    public static final OptionSpec<String> TLDR_CACHE = OptionSpec.custom(
            "tldrCache",
            "true: add the examples of a tldr client's page cache found on this machine; or that cache's directory",
            "true, false or a directory",
            "false",
            RetrievalEngineProvider::tldrCache);
    public static final OptionSpec<Boolean> INSTALLED_ONLY =
            OptionSpec.bool("installedOnly", "answer only with commands whose programs are on PATH", false);
    public static final OptionSpec<Double> CONFIDENCE_THRESHOLD = OptionSpec.decimal(
            "confidenceThreshold",
            "the calibrated confidence below which the engine answers NO_SUGGESTION (default: the shipped model's)",
            0.0,
            1.0);
    /** The options of the {@code retrieval} engine. */
    public static final EngineOptions OPTIONS = EngineOptions.of(
            RetrievalEngine.ENGINE_NAME,
            BANK,
            BUILTIN_BANK,
            MIN_SIMILARITY,
            TLDR_CACHE,
            INSTALLED_ONLY,
            CONFIDENCE_THRESHOLD);

    private static String tldrCache(String raw) {
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return raw.toLowerCase(java.util.Locale.ROOT);
        }
        if (raw.isBlank()) {
            throw new IllegalArgumentException("blank");
        }
        return raw;
    }

    @Override
    public EngineOptions options() {
        return OPTIONS;
    }

    @Override
    public String name() {
        return RetrievalEngine.ENGINE_NAME;
    }

    @Override
    public boolean supports(EngineSettings settings) {
        return settings.model().isEmpty();
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public InferenceEngine open(EngineSettings settings) {
        if (settings.model().isPresent()) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION,
                    "the retrieval engine takes no model file (got "
                            + settings.model().get() + "); use the gguf engine for model files");
        }
        OptionValues options = OPTIONS.parse(settings.options());
        ExampleBank bank = withTldrCache(bank(options), options);
        double min = options.get(MIN_SIMILARITY);
        Predicate<String> allowed = command -> true;
        String restriction = "";
        if (options.get(INSTALLED_ONLY)) {
            InstalledPrograms installed = InstalledPrograms.fromEnvironment();
            allowed = installed;
            restriction = installed.toString();
        }
        // Requests are also indexed with their values masked, as the engine also searches with the masked request.
        ConfidenceModel confidence = ConfidenceModel.builtIn();
        if (options.isSet(CONFIDENCE_THRESHOLD)) {
            confidence = confidence.withThreshold(options.get(CONFIDENCE_THRESHOLD));
        }
        return new RetrievalEngine(
                ExampleRetriever.open(bank.withVariants(new EntityExtractor()::masked)),
                min,
                confidence,
                allowed,
                restriction);
    }

    static ExampleBank withTldrCache(ExampleBank bank, OptionValues options) {
        String option = options.get(TLDR_CACHE);
        if (option.equals("false")) {
            return bank;
        }
        Path dir = option.equals("true")
                ? TldrCache.find(System.getenv())
                        .orElseThrow(() -> new ConfigurationException(
                                ErrorCode.CONFIGURATION,
                                "tldrCache=true but no tldr client cache was found (tealdeer, the Node or the Python client); "
                                        + "pass its directory instead"))
                : Path.of(option);
        ExampleBank tldr = TldrCache.read(dir);
        return ExampleBank.concat(bank.name() + "+" + tldr.name(), bank, tldr);
    }

    static ExampleBank bank(OptionValues options) {
        Optional<Path> extra = options.optional(BANK);
        boolean builtin = options.get(BUILTIN_BANK);
        if (extra.isEmpty()) {
            if (!builtin) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION, "builtinBank=false needs a bank=FILE.tsv option");
            }
            return ExampleBank.builtIn();
        }
        ExampleBank user = ExampleBank.fromTsv(extra.get());
        return builtin
                ? ExampleBank.concat(ExampleBank.BUILT_IN_NAME + "+" + user.name(), ExampleBank.builtIn(), user)
                : user;
    }
}

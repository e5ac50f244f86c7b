package io.clituner.inference.djl.retrieval;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngineProvider;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.djl.internal.adapt.EntityExtractor;
import io.clituner.inference.djl.bank.ExampleBank;
import io.clituner.inference.djl.bank.TldrCache;
import io.clituner.inference.djl.calibration.ConfidenceModel;
import io.clituner.inference.djl.internal.host.InstalledPrograms;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Opens the {@link RetrievalEngine} for any settings without a model file, so that
 * {@code EngineSettings.defaults()} works offline with zero configuration. Ranked below the GGUF
 * provider: a configured model file always wins. Options:
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
            throw new ConfigurationException(ErrorCode.CONFIGURATION,
                    "the retrieval engine takes no model file (got " + settings.model().get() + "); use the gguf engine for model files");
        }
        ExampleBank bank = withTldrCache(bank(settings), settings);
        double min = doubleOption(settings, "minSimilarity", RetrievalEngine.DEFAULT_MIN_SIMILARITY);
        Predicate<String> allowed = command -> true;
        String restriction = "";
        if (settings.booleanOption("installedOnly", false)) {
            InstalledPrograms installed = InstalledPrograms.fromEnvironment();
            allowed = installed;
            restriction = installed.toString();
        }
        // Requests are also indexed with their values masked, as the engine also searches with the masked request.
        ConfidenceModel confidence = ConfidenceModel.builtIn();
        if (settings.option("confidenceThreshold").isPresent()) {
            confidence = confidence.withThreshold(doubleOption(settings, "confidenceThreshold", confidence.threshold()));
        }
        return new RetrievalEngine(ExampleRetriever.open(bank.withVariants(new EntityExtractor()::masked)), min,
                confidence, allowed, restriction);
    }

    static ExampleBank withTldrCache(ExampleBank bank, EngineSettings settings) {
        Optional<String> option = settings.option("tldrCache");
        if (option.isEmpty() || option.get().equalsIgnoreCase("false")) {
            return bank;
        }
        Path dir = option.get().equalsIgnoreCase("true")
                ? TldrCache.find(System.getenv()).orElseThrow(() -> new ConfigurationException(ErrorCode.CONFIGURATION,
                        "tldrCache=true but no tldr client cache was found (tealdeer, the Node or the Python client); "
                                + "pass its directory instead"))
                : Path.of(option.get());
        ExampleBank tldr = TldrCache.read(dir);
        return ExampleBank.concat(bank.name() + "+" + tldr.name(), bank, tldr);
    }

    static ExampleBank bank(EngineSettings settings) {
        Optional<Path> extra = settings.option("bank").map(Path::of);
        boolean builtin = settings.booleanOption("builtinBank", true);
        if (extra.isEmpty()) {
            if (!builtin) {
                throw new ConfigurationException(ErrorCode.CONFIGURATION, "builtinBank=false needs a bank=FILE.tsv option");
            }
            return ExampleBank.builtIn();
        }
        ExampleBank user = ExampleBank.fromTsv(extra.get());
        return builtin ? ExampleBank.concat(ExampleBank.BUILT_IN_NAME + "+" + user.name(), ExampleBank.builtIn(), user) : user;
    }

    private static double doubleOption(EngineSettings settings, String key, double fallback) {
        Optional<String> v = settings.option(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.get().trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "option " + key + " must be a number, got '" + v.get() + "'");
        }
    }
}

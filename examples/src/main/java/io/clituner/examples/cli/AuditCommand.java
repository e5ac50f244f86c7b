package io.clituner.examples.cli;

import io.clituner.provenance.audit.AuditLogFile;
import io.clituner.provenance.audit.ConsistencyProof;
import io.clituner.provenance.audit.InclusionProof;
import io.clituner.provenance.audit.VerifyReport;
import io.clituner.provenance.crypto.KeyIds;
import io.clituner.provenance.crypto.PublicKeys;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clituner audit verify|prove|consistency}: check a Merkle audit log offline. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Verify an audit log and produce inclusion / consistency proofs.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Prove.class, AuditCommand.Consistency.class})
public final class AuditCommand extends CommandGroup {
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Verify LOG: every entry's hash, order and chain; with signed checkpoints (--checkpoint, or LOG.checkpoints",
                "as written by `translate --checkpoint-key`), also that no checkpointed state was truncated, rolled back or rewritten.",
                "Without a checkpoint, deleting the last entries (or the whole log) cannot be detected."
            },
            footer = {"", "Exit codes: 0 intact, 1 damaged or tampered, 2 bad input."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "LOG")
        Path log;

        @Option(names = "--checkpoint", paramLabel = "FILE", description = "signed checkpoints kept apart from the log")
        Path checkpoint;

        @Option(
                names = "--key",
                paramLabel = "PUB.pem",
                description = "public key(s) trusted to sign checkpoints; without one, signatures are not checked")
        List<Path> keys;

        @Option(names = "--json", description = "print the report as JSON")
        boolean json;

        @Override
        public Integer call() {
            Map<String, PublicKey> trusted = new LinkedHashMap<>();
            if (keys != null) {
                for (Path k : keys) {
                    PublicKey pk = PublicKeys.read(k);
                    trusted.put(KeyIds.of(pk), pk);
                }
            }
            Path cp = checkpoint;
            if (cp == null && java.nio.file.Files.isRegularFile(TranslateCommand.checkpointFile(log))) {
                cp = TranslateCommand.checkpointFile(log);
            }
            if (!java.nio.file.Files.isRegularFile(log)) {
                throw new io.clituner.core.error.CliTunerException(
                        io.clituner.core.error.ErrorCode.INVALID_REQUEST, "no such audit log: " + log);
            }
            VerifyReport r = AuditLogFile.verify(log, cp, trusted);
            String limit = cp == null
                    ? "no signed checkpoint: entries deleted from the end of the log (or a whole log replaced) cannot be detected;"
                            + " write checkpoints with `translate --audit-log LOG --checkpoint-key KEY`"
                    : null;
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("log", log.toString());
                out.put("intact", r.intact());
                out.put("entries", r.entries());
                out.put("rootHash", r.rootHash());
                out.put("damage", r.damage());
                out.put("tamper", r.damage() != null && r.damage().isTamper());
                out.put("firstBadIndex", r.firstBadIndex());
                out.put("detail", r.detail());
                out.put("checkpointsChecked", r.checkpointsChecked());
                out.put("checkpointSignaturesVerified", r.checkpointSignaturesVerified());
                out.put("cannotDetect", limit);
                spec.commandLine().getOut().println(Json.write(out));
            } else if (r.intact()) {
                spec.commandLine()
                        .getOut()
                        .printf(
                                "OK: %d entries, root %s, %d checkpoint(s) checked%s%n",
                                r.entries(),
                                r.rootHash(),
                                r.checkpointsChecked(),
                                cp != null && !r.checkpointSignaturesVerified()
                                        ? " (signatures NOT verified: pass --key)"
                                        : "");
                if (limit != null) {
                    spec.commandLine().getErr().println("note: " + limit);
                }
            } else {
                var damage =
                        java.util.Objects.requireNonNull(r.damage(), "a report that is not intact names its damage");
                spec.commandLine()
                        .getOut()
                        .printf(
                                "%s: %s at entry %d: %s%n",
                                damage.isTamper() ? "TAMPERED" : "DAMAGED", damage, r.firstBadIndex(), r.detail());
            }
            return r.intact() ? 0 : 1;
        }
    }

    @Command(
            name = "prove",
            mixinStandardHelpOptions = true,
            description =
                    "Print the inclusion proof of entry INDEX (RFC 6962 audit path) against the log's current root, or --size N.")
    static final class Prove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "LOG")
        Path log;

        @Parameters(index = "1", paramLabel = "INDEX")
        long index;

        @Option(
                names = "--size",
                paramLabel = "N",
                description = "prove against the tree of the first N entries (e.g. a checkpoint's size)")
        Long size;

        @Option(names = "--json", description = "print the proof as JSON")
        boolean json;

        @Override
        public Integer call() {
            InclusionProof p = size == null
                    ? AuditLogFile.inclusionProof(log, index)
                    : AuditLogFile.inclusionProof(log, index, size);
            if (!p.verify(p.rootHash())) {
                throw new IllegalStateException("freshly computed proof does not verify");
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("proof", p);
                out.put("entry", AuditLogFile.entry(log, index).event());
                spec.commandLine().getOut().println(Json.write(out));
            } else {
                spec.commandLine()
                        .getOut()
                        .printf(
                                "entry %d of %d%nleaf %s%nroot %s%n",
                                p.index(), p.treeSize(), p.leafHash(), p.rootHash());
                p.path().forEach(h -> spec.commandLine().getOut().println("path " + h));
            }
            return 0;
        }
    }

    @Command(
            name = "consistency",
            mixinStandardHelpOptions = true,
            description =
                    "Print the consistency proof between the first OLD and the first NEW entries (default NEW: the whole log).")
    static final class Consistency implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "LOG")
        Path log;

        @Parameters(index = "1", paramLabel = "OLD")
        long oldSize;

        @Parameters(index = "2", paramLabel = "NEW", arity = "0..1")
        Long newSize;

        @Override
        public Integer call() {
            long n = newSize != null ? newSize : AuditLogFile.verify(log).entries();
            ConsistencyProof p = AuditLogFile.consistencyProof(log, oldSize, n);
            spec.commandLine().getOut().println(Json.write(p));
            return 0;
        }
    }
}

package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.parse.Ast.Command;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Commands the line itself defined before running them: functions and aliases (the call walks the body or the alias
 * text), copies of programs ({@code cp /bin/rm ./x; ./x -rf /} runs rm), scripts written earlier (their text is
 * analysed) and files downloaded earlier (running one is flagged).
 */
final class LineDefinitions {
    private final Walker w;

    LineDefinitions(Walker w) {
        this.w = w;
    }

    /** A call of a function defined in the line, or an alias: walks the body or the alias text instead, else null. */
    @Nullable
    Stage functionOrAlias(Invocation inv, Env env, Ctx ctx, List<Invocation> produced) {
        String name = inv.name();
        Command fn = env.function(name);
        if (fn != null) {
            if (ctx.functions().contains(name)) {
                if (ctx.inPipeline() || ctx.background()) {
                    w.report(
                            ctx,
                            Structural.FORK_BOMB,
                            inv.start(),
                            inv.end(),
                            "function '" + name + "' spawns itself in a pipeline or background");
                }
                return new Stage(produced, new Producers.Output(null, Origin.LOCAL));
            }
            if (ctx.callDepth() < 6) {
                Env fenv = w.copyEnv(env);
                List<String> args = new ArrayList<>();
                Origin o = Origin.LITERAL;
                for (Arg a : inv.args()) {
                    args.add(a.text());
                    o = o.max(a.origin());
                }
                fenv.setPositional(args, o);
                List<String> stack = new ArrayList<>(ctx.functions());
                stack.add(name);
                Stage body = w.walkCommand(fn, fenv, ctx.withStdin(inv.stdin()).calling(stack));
                if (!inv.redirects().isEmpty()) { // f … > /dev/sda: the body's commands write there
                    w.rules.evaluate(inv.withArgv(List.of()), w.reporter);
                }
                // what the body prints is what the call prints (f URL | sh runs what f downloads)
                return new Stage(
                        produced,
                        new Producers.Output(
                                body.output().content(), body.output().origin().max(Origin.LOCAL)));
            }
            return new Stage(produced, new Producers.Output(null, Origin.LOCAL));
        }
        String alias = env.alias(name);
        if (alias != null && ctx.depth() < w.limits.maxCodeDepth()) {
            StringBuilder code = new StringBuilder(alias);
            for (Arg a : inv.args()) {
                code.append(' ').append(ProgramEffects.quote(a.text()));
            }
            w.analyzeCode(code.toString(), Origin.LITERAL, inv.start(), inv.end(), null, env, ctx, "alias " + name);
            return new Stage(produced, new Producers.Output(null, Origin.LOCAL));
        }
        return null;
    }

    /** Running a copy of a program made earlier in the line ({@code cp /bin/rm ./x; ./x -rf /}) runs the original. */
    void runCopiedProgram(Invocation inv, Env env, Ctx ctx) {
        if (inv.argv().isEmpty() || w.state.copiedPrograms.isEmpty()) {
            return;
        }
        String original = w.state.copiedPrograms.get(LineState.local(inv.arg(0).text()));
        if (original != null && ctx.depth() < w.limits.maxCodeDepth()) {
            List<Arg> argv = new ArrayList<>(inv.argv());
            argv.set(0, inv.arg(0).withText(original));
            w.process(inv.withArgv(argv), env, ctx, false);
        }
    }

    /** Running a script written earlier in the line analyses its text; running a downloaded file is flagged. */
    void runWrittenOrDownloaded(Invocation inv, Env env, Ctx ctx, boolean top) {
        if (top && !inv.argv().isEmpty() && !w.state.writtenFiles.isEmpty()) {
            String a0 = inv.arg(0).text();
            String script = w.state.writtenFiles.get(LineState.local(a0));
            if (script != null) {
                w.analyzeCode(script, Origin.LITERAL, inv.start(), inv.end(), null, env, ctx, "script " + a0);
            }
        }
        if (!inv.argv().isEmpty() && w.state.isDownloaded(inv.arg(0).text())) {
            w.report(
                    ctx,
                    Structural.DOWNLOAD_EXEC,
                    inv.start(),
                    inv.end(),
                    "runs a file downloaded earlier in the command");
        }
    }
}

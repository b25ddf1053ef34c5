/**
 * The only part of the agent that lives on the bootstrap class path.
 *
 * <p>Woven code calls {@link dev.tasklog.agent.bootstrap.Hooks} from whatever class loader loaded
 * the application class: the system loader, a child {@code URLClassLoader}, a web container's
 * loader, and (for work handed across threads) the bootstrap loader itself, which loads
 * {@code java.util.concurrent}. The one class loader all of them can see is the bootstrap loader,
 * so the premain defines this package, and nothing else, in the bootstrap loader before the first
 * class is woven. Everything else of the agent stays on the system class path, with its
 * dependencies relocated.
 *
 * <p>Work handed across threads needs three more small pieces here, because the JDK's own classes
 * ({@code FutureTask}, {@code ForkJoinTask}, {@code Thread}) call them: {@code ContextMap}, which
 * remembers the submitting task per work object (weakly, by identity: the JDK classes cannot get a
 * field, they are already loaded); {@code ContextRunnable}, the wrapper of a plain
 * {@code Runnable} given to {@code ThreadPoolExecutor.execute}; and the capture/adopt/release
 * entry points of {@link dev.tasklog.agent.bootstrap.Hooks}. What a context is (a task frame) and
 * what adopting it means stay behind {@link dev.tasklog.agent.bootstrap.Sink}.
 *
 * <p>Rules for this package: JDK types only, no dependencies, no logic beyond forwarding to the
 * installed {@link dev.tasklog.agent.bootstrap.Sink} and keeping those contexts, and never loaded
 * by the agent before the premain has defined it (or the system loader would define a second,
 * unused copy).
 */
package dev.tasklog.agent.bootstrap;

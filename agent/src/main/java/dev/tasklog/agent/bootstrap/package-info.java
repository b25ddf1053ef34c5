/**
 * The only part of the agent that lives on the bootstrap class path.
 *
 * <p>Woven code calls {@link dev.tasklog.agent.bootstrap.Hooks} from whatever class loader loaded
 * the application class: the system loader, a child {@code URLClassLoader}, a web container's
 * loader, and (for work handed across threads) the bootstrap loader itself, which loads
 * {@code java.util.concurrent}. The one class loader all of them can see is the bootstrap loader,
 * so the premain appends this package, and nothing else, to the bootstrap search path before the
 * first class is woven. Everything else of the agent stays on the system class path, with its
 * dependencies relocated.
 *
 * <p>Rules for this package: JDK types only, no dependencies, no logic beyond forwarding to the
 * installed {@link dev.tasklog.agent.bootstrap.Sink}, and never loaded by the agent before the
 * premain has appended it (or the system loader would define a second, unused copy).
 */
package dev.tasklog.agent.bootstrap;

/**
 * Weaving: the Byte Buddy agent builder and the advice it inlines.
 *
 * <p>Advice classes are blueprints, not code that runs here: Byte Buddy copies their bytecode into
 * the woven methods. So they hold only static {@code @Advice} methods whose bodies are one call
 * into {@link dev.tasklog.agent.bootstrap.Hooks} (the one agent class every class loader can see),
 * they suppress every throwable, and they are referred to by name. Annotations are matched by
 * name too, so the agent never loads the application's copy of {@code tasklog-annotations}.
 */
package dev.tasklog.agent.weave;

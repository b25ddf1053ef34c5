/**
 * The tasklog API: the annotations {@link dev.tasklog.Run @Run}, {@link dev.tasklog.Task @Task}
 * and {@link dev.tasklog.SubTask @SubTask}, the {@link dev.tasklog.TaskLog} facade,
 * {@link dev.tasklog.SubTimer} and the {@link dev.tasklog.DebugContext} callbacks.
 *
 * <p>This is the only compile-time dependency an application needs. Everything here works without
 * the agent and then does nothing; the agent ({@code -javaagent:tasklog.jar}) gives it effect.
 */
package dev.tasklog;

/**
 * The runtime context: what is running on each thread (runs, tasks and the sub-task statistics
 * they collect), its clocks, counters and statuses. {@link dev.tasklog.agent.context.TaskRecorder}
 * is the {@link dev.tasklog.agent.bootstrap.Sink} that woven code reports to.
 */
package dev.tasklog.agent.context;

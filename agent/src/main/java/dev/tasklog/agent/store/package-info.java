/**
 * The store: every run, task, counter and log event, written to a database (embedded HSQLDB by
 * default, any JDBC URL otherwise) by one background thread in batches.
 *
 * <p>Application threads only turn what happened into immutable {@link dev.tasklog.agent.store.Record}s
 * and hand them to the {@link dev.tasklog.agent.store.StoreWriter}'s bounded queue. The writer
 * thread writes them in order to the database, or, while the database cannot be reached, to a
 * spool file that is imported as soon as it can be.
 */
package dev.tasklog.agent.store;

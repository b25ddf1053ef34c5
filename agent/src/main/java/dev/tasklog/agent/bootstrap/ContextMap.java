package dev.tasklog.agent.bootstrap;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task context handed from a submitting thread to the object that carries work to another
 * thread ({@code FutureTask}, {@code ForkJoinTask}, a virtual thread): keyed by that object's
 * identity, held weakly, so work that never runs leaves nothing behind.
 */
final class ContextMap {

    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static final ConcurrentHashMap<Key, Object> CONTEXTS = new ConcurrentHashMap<>();

    private ContextMap() {
    }

    static void put(Object owner, Object context) {
        expunge();
        CONTEXTS.put(new Key(owner, COLLECTED), context);
    }

    /**
     * @return the owner's context, removed unless {@code keep} (periodic work runs again); null at
     *     once, without a lookup, when no work carries a context (every fork/join task and
     *     {@code FutureTask} of the application passes here)
     */
    static Object get(Object owner, boolean keep) {
        if (CONTEXTS.isEmpty()) {
            return null;
        }
        Key probe = new Key(owner, null);
        return keep ? CONTEXTS.get(probe) : CONTEXTS.remove(probe);
    }

    private static void expunge() {
        for (Object k; (k = COLLECTED.poll()) != null; ) {
            CONTEXTS.remove(k);
        }
    }

    /** An identity key that does not keep its object alive. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object owner, ReferenceQueue<Object> queue) {
            super(owner, queue);
            this.hash = System.identityHashCode(owner);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Key)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == ((Key) o).get();
        }
    }
}

package dev.tasklog.agent.util;

/** Byte scans of class files: far cheaper than parsing the many classes that turn out not to matter. */
public final class Bytes {

    private Bytes() {
    }

    /**
     * @param haystack a class file
     * @param needle   what to look for, e.g. a class name in the constant pool's modified UTF-8
     * @return whether it occurs
     */
    public static boolean contains(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

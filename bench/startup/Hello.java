/** The smallest program: what a JVM costs to start, with and without an agent. */
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}

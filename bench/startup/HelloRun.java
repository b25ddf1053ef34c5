import dev.tasklog.Run;

/** The smallest program with a run: start-up when the agent has something to weave at once. */
public class HelloRun {
    public static void main(String[] args) {
        greet();
    }

    @Run("hello")
    static void greet() {
        System.out.println("hello");
    }
}

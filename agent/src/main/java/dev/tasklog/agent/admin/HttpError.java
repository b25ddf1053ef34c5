package dev.tasklog.agent.admin;

/** A request the admin answers with an error page (or JSON error): a status and a plain message, never a stack trace. */
final class HttpError extends Exception {

    private static final long serialVersionUID = 1L;

    final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }
}

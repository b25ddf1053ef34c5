package dev.tasklog.agent.admin;

/**
 * Links to the first page and to the next one. The next page is named by a cursor (the last row
 * of this page) rather than a page number, so that it is read from an index however deep it is.
 */
final class Pager {

    private Pager() {
    }

    /**
     * @return how many rows to skip: none when a cursor ({@code after}) names where the page
     *     starts, else by the page number ({@code page})
     */
    static int offset(Request r, int pageSize) throws HttpError {
        int page = r.integer("page", 1, 1, 1_000_000);
        return r.text("after") != null ? 0 : (page - 1) * pageSize;
    }

    /**
     * @param path      the page's address
     * @param r         the request, whose filters the links keep
     * @param next      the cursor of the next page, or null when this is the last
     * @param first     the label of the link to the first page
     * @param nextLabel the label of the link to the next page
     * @param keep      the filter parameters to keep
     */
    static String links(String path, Request r, String next, String first, String nextLabel, String... keep) {
        StringBuilder query = new StringBuilder();
        for (String k : keep) {
            for (String v : r.all(k)) {
                if (!v.isEmpty()) {
                    query.append(query.length() == 0 ? '?' : '&').append(Html.url(k)).append('=').append(Html.url(v));
                }
            }
        }
        boolean onFirst = r.text("after") == null && r.text("page") == null;
        StringBuilder b = new StringBuilder("<div class=\"pager\">");
        if (!onFirst) {
            b.append("<a class=\"first\" href=\"").append(path).append(Html.esc(query)).append("\">&larr; ").append(first).append("</a>");
        }
        if (next != null) {
            b.append("<a class=\"next\" href=\"").append(path).append(Html.esc(query)).append(query.length() == 0 ? "?" : "&amp;")
                    .append("after=").append(Html.esc(Html.url(next))).append("\">").append(nextLabel).append(" &rarr;</a>");
        }
        return b.append("</div>").toString();
    }
}

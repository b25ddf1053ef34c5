package dev.tasklog.agent.admin;

/** Previous/next links that keep the current filters. */
final class Pager {

    private Pager() {
    }

    static String links(String path, Request r, int page, boolean more, String... keep) {
        StringBuilder query = new StringBuilder();
        for (String k : keep) {
            for (String v : r.all(k)) {
                if (!v.isEmpty()) {
                    query.append('&').append(Html.url(k)).append('=').append(Html.url(v));
                }
            }
        }
        StringBuilder b = new StringBuilder("<div class=\"pager\">");
        if (page > 1) {
            b.append("<a class=\"prev\" href=\"").append(path).append("?page=").append(page - 1).append(Html.esc(query)).append("\">&larr; newer</a>");
        }
        b.append("<span class=\"muted\">page ").append(page).append("</span>");
        if (more) {
            b.append("<a class=\"next\" href=\"").append(path).append("?page=").append(page + 1).append(Html.esc(query)).append("\">older &rarr;</a>");
        }
        return b.append("</div>").toString();
    }
}

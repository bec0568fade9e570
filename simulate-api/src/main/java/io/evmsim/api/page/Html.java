package io.evmsim.api.page;

/**
 * A page written in one pass into a {@link StringBuilder}: every text and attribute value goes through
 * {@link #text} or {@link #attribute}, so nothing of a result (a revert message, a token's symbol) is read
 * as markup.
 */
final class Html {
    private final StringBuilder out;

    Html(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    /** Markup written as it is: only ever a literal of this package. */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    Html text(String text) {
        if (text == null) {
            return this;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return this;
    }

    Html text(long number) {
        out.append(number);
        return this;
    }

    /** {@code name="value"} with a space before it, the value escaped. */
    Html attribute(String name, String value) {
        out.append(' ').append(name).append("=\"");
        return text(value).raw("\"");
    }

    /** {@code <tag class="...">text</tag>}; no class when {@code cssClass} is null. */
    Html element(String tag, String cssClass, String text) {
        out.append('<').append(tag);
        if (cssClass != null) {
            attribute("class", cssClass);
        }
        out.append('>');
        return text(text).raw("</").raw(tag).raw(">");
    }

    /** A row of a definition list: {@code <dt>term</dt><dd>description</dd>}. */
    Html definition(String term, String description) {
        return element("dt", null, term).element("dd", null, description);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}

package io.evmsim.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;

/** A client of a server-sent event stream, read as it arrives; comments (keep-alives) are skipped. */
final class EventStream implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One event: its id (the result's sequence number), name and data. */
    record Event(int id, String name, String data) {
    }

    private final HttpResponse<Stream<String>> response;
    private final Iterator<String> lines;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.lines = response.body().iterator();
    }

    /** POSTs {@code body} to {@code url} asking for an event stream. */
    static EventStream post(String url, String body) throws IOException, InterruptedException {
        return new EventStream(HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    String location() {
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The next event, or null when the stream ended. */
    Event next() {
        Integer id = null;
        String name = "message";
        StringBuilder data = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(id == null ? -1 : id, name, data.toString());
                }
            } else if (line.startsWith("id:")) {
                id = Integer.parseInt(line.substring(3).trim());
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(line.substring(5));
            }
        }
        return null;
    }

    /** Goes away: the connection is closed, whatever is left unread. */
    @Override
    public void close() {
        response.body().close();
    }
}

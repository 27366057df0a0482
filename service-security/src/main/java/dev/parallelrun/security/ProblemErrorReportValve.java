package dev.parallelrun.security;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error page for what it refuses itself, before any filter or controller sees the request: an
 * encoded slash ({@code %2F}) or a NUL ({@code %00}) in the path, a malformed request line, headers over
 * {@code server.max-http-request-header-size}. Tomcat's own valve answers those with an HTML page; this one
 * answers {@code application/problem+json} like every other error of the services, without server details.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 400
                ? "The server refused the request before it reached the application: a malformed request line, "
                        + "an encoded slash or control character in the path, or headers over the size limit."
                : "The server could not process the request.";
        try {
            response.setContentType(ProblemResponses.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemResponses.json(status, status == 400 ? "rejected-by-server" : "server-error",
                        title, detail));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response cannot take a body any more: nothing left to tell it
        }
    }
}

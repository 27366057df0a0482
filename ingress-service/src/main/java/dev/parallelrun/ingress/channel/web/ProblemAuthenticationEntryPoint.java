package dev.parallelrun.ingress.channel.web;

import dev.parallelrun.events.Headers;
import dev.parallelrun.ingress.web.ProblemResponseWriter;
import dev.parallelrun.ingress.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** Answers 401 as a problem, saying whether the API key was missing or unknown (never which keys exist). */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean unknown = e instanceof BadCredentialsException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + Headers.API_KEY + "\"");
        ProblemResponseWriter.write(response, Problems.problem(request, HttpStatus.UNAUTHORIZED,
                unknown ? Problems.UNKNOWN_API_KEY : Problems.MISSING_API_KEY,
                "Unauthorized",
                unknown ? "The " + Headers.API_KEY + " header does not hold a known API key."
                        : "This endpoint needs a channel's API key in the " + Headers.API_KEY + " header."));
    }
}

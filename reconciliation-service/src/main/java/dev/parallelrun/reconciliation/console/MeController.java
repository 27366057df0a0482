package dev.parallelrun.reconciliation.console;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me}: who the credentials belong to and their roles. The console checks a login with it and shows
 * only the controls those roles allow; the server refuses the rest anyway.
 */
@RestController
class MeController {

    private static final String ROLE_PREFIX = "ROLE_";

    @GetMapping("/api/v1/me")
    Me me(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length())).sorted().toList();
        return new Me(authentication.getName(), roles);
    }

    /** A user name and the API roles ({@code AUDITOR}, {@code OPERATOR}, {@code ADMIN}) it holds. */
    record Me(String user, List<String> roles) {
    }
}

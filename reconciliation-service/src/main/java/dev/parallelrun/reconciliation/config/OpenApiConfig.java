package dev.parallelrun.reconciliation.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * The OpenAPI 3 document springdoc generates from the controllers ({@code /v3/api-docs}, browsable at
 * {@code /swagger-ui.html}): who the API is for and how it authenticates. Reading it needs a user with any
 * role ({@link ApiSecurityConfig}), like the API itself.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";
    /** The API's areas by path prefix, in the contract's order. */
    static final Map<String, String> TAGS = tags();
    private static final String JWT_DECODER = "org.springframework.security.oauth2.jwt.JwtDecoder";

    private static Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("/api/v1/reconciliations", "Verdicts");
        tags.put("/api/v1/match-rates", "Verdicts");
        tags.put("/api/v1/authority", "Authority");
        tags.put("/api/v1/readiness", "Readiness");
        tags.put("/api/v1/evidence", "Evidence");
        tags.put("/api/v1/cases", "Divergence cases");
        tags.put("/api/v1/replays", "Replays and noise runs");
        tags.put("/api/v1/noise-runs", "Replays and noise runs");
        tags.put("/api/v1/rule-sets", "Rule sets and what-if");
        tags.put("/api/v1/access-log", "Access log");
        return Collections.unmodifiableMap(tags);
    }

    @Bean
    OpenAPI reconciliationOpenApi(ListableBeanFactory beans) {
        Components components = new Components().addSecuritySchemes(BASIC, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("The API users of reconciliation.security.users; roles AUDITOR (read), OPERATOR "
                        + "(read and work divergences), ADMIN (everything)"));
        OpenAPI api = new OpenAPI()
                .info(new Info().title("Reconciliation API").version("v1")
                        .description("Verdicts of the parallel run, match rates, authority and readiness, cutover "
                                + "evidence, replays, what-if rule sets and noise runs: for auditors and operators. "
                                + "Times are ISO-8601 UTC; errors are RFC 9457 problem details."))
                .components(components)
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
        // bearer tokens only where a JWT resource server is configured
        if (bearerConfigured(beans)) {
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT").description("A JWT whose roles claim names the same roles"));
            // either scheme will do: two requirements, not one requiring both
            api.addSecurityItem(new SecurityRequirement().addList(BEARER));
        }
        return api;
    }

    /**
     * Operations grouped by what they are about rather than by controller class (springdoc's default), so the
     * Swagger UI reads like the architecture contract; paths of no listed area keep springdoc's tag.
     */
    @Bean
    OpenApiCustomizer tagsByArea() {
        return api -> {
            TAGS.forEach((prefix, tag) -> {
                if (api.getTags() == null || api.getTags().stream().noneMatch(t -> tag.equals(t.getName()))) {
                    api.addTagsItem(new Tag().name(tag));
                }
            });
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> TAGS.entrySet().stream()
                    .filter(area -> path.equals(area.getKey()) || path.startsWith(area.getKey() + "/"))
                    .findFirst()
                    .ifPresent(area -> item.readOperations().forEach(op -> op.setTags(List.of(area.getValue())))));
            // springdoc's per-controller tags that no operation uses any more, and areas not (yet) built
            api.getTags().removeIf(t -> api.getPaths().values().stream()
                    .flatMap(item -> item.readOperations().stream())
                    .noneMatch(op -> op.getTags() != null && op.getTags().contains(t.getName())));
        };
    }

    private static boolean bearerConfigured(ListableBeanFactory beans) {
        ClassLoader loader = OpenApiConfig.class.getClassLoader();
        return ClassUtils.isPresent(JWT_DECODER, loader)
                && beans.getBeanNamesForType(ClassUtils.resolveClassName(JWT_DECODER, loader), false, false).length > 0;
    }
}

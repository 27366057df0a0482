package dev.parallelrun.ingress.intent.web;

import dev.parallelrun.ingress.intent.application.IngressMetrics;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IntentWebConfiguration {

    @Bean
    FilterRegistrationBean<RejectionMetricsFilter> rejectionMetricsFilter(IngressMetrics metrics) {
        FilterRegistrationBean<RejectionMetricsFilter> registration =
                new FilterRegistrationBean<>(new RejectionMetricsFilter(metrics));
        registration.addUrlPatterns("/api/*");
        // ahead of Spring Security, which answers 401 without passing the request on
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
